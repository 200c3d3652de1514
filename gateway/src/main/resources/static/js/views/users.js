// Users (admins only): create one with a role, change roles, disable or delete.
import { api, ApiError, session } from '../api.js';
import { h, timeEl, badge } from '../dom.js';
import { dataTable, pager } from '../table.js';
import { field, input, select, showProblem, clearErrors, formError, confirmDialog, notify, act } from '../form.js';
import { navigate } from '../router.js';

const ROLES = ['viewer', 'operator', 'admin'];

export async function render(root, params, query) {
  const page = await api.page('/users', { ...query, size: 50 });
  root.append(h('h2', {}, 'Users'));
  const form = h('form', { class: 'card form-grid', id: 'user-form', novalidate: true }, h('h3', { class: 'wide' }, 'New user'), formError(),
    field('User name', input('username', { required: true, autocomplete: 'off' })),
    field('Initial password', input('password', { type: 'password', required: true, autocomplete: 'new-password' })),
    field('Role', select('role', ROLES, 'viewer')),
    h('div', { class: 'actions wide' }, h('button', { type: 'submit' }, 'Create user')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    try {
      const u = await api.post('/users', { username: form.elements.username.value.trim(), password: form.elements.password.value, role: form.elements.role.value });
      notify('Created ' + u.username);
      navigate('/users', { t: Date.now() });
    } catch (err) { if (err instanceof ApiError) showProblem(form, err); else throw err; }
  });
  root.append(form);
  root.append(dataTable([
    { key: 'username', label: 'User', sort: 'username' },
    { key: 'role', label: 'Role', sort: 'role', render: u => (u.username === session.user.username ? badge(u.role) : select('role-' + u.id, ROLES, u.role, {
      'aria-label': 'Role of ' + u.username, on: { change: e => update(u, { role: e.target.value }) } })) },
    { key: 'enabled', label: 'Enabled', render: u => (u.username === session.user.username ? 'yes' : h('input', { type: 'checkbox', checked: u.enabled,
      'aria-label': 'Enabled: ' + u.username, on: { change: e => update(u, { enabled: e.target.checked }) } })) },
    { key: 'createTime', label: 'Created', sort: 'createTime', render: u => timeEl(u.createTime) },
    { key: 'actions', label: '', render: u => (u.username === session.user.username ? h('span', { class: 'hint' }, 'you') : h('button', { type: 'button', class: 'danger small', on: { click: e => act(e.target, async () => {
      if (!await confirmDialog('Delete user ' + u.username + '? Their tokens stop working.', 'Delete')) return;
      await api.del('/users/' + u.id);
      notify('Deleted ' + u.username);
      navigate('/users', { t: Date.now() });
    }) } }, 'Delete')) },
  ], { id: 'users-table', rows: page.items, sort: query.sort, onSort: sort => navigate('/users', { ...query, sort }) }));
  root.append(pager(page, n => navigate('/users', { ...query, page: n })));
}

async function update(user, change) {
  try {
    const u = await api.put('/users/' + user.id, { ...change, version: user.version });
    Object.assign(user, u);
    notify('Updated ' + u.username);
  } catch (e) {
    notify(e.status === 409 || e.status === 412 ? 'Someone else changed ' + user.username + ' meanwhile; the page shows the current state now.' : e.message, 'error');
    navigate('/users', { t: Date.now() });
  }
}


// API tokens: create one (its secret shown once), list and revoke. Admins see and create everybody's.
import { api, ApiError, isAdmin } from '../api.js';
import { h, clear, timeEl, badge } from '../dom.js';
import { dataTable, pager } from '../table.js';
import { field, input, showProblem, clearErrors, formError, confirmDialog, notify, act } from '../form.js';
import { navigate } from '../router.js';

export async function render(root, params, query) {
  const page = await api.page('/auth/tokens', { ...query, size: 50 });
  root.append(h('h2', {}, 'API tokens'));
  const secret = h('div', { class: 'secret', id: 'token-secret', role: 'status', hidden: true });
  const form = h('form', { class: 'card form-grid', id: 'token-form', novalidate: true }, h('h3', { class: 'wide' }, 'New token'), formError(),
    field('What it is for', input('name', { required: true, placeholder: 'ci-deploy', maxlength: 64 })),
    field('Lifetime (days)', input('ttlDays', { type: 'number', min: 1, max: 3650, placeholder: '365' })),
    isAdmin() ? field('For user', input('username', { placeholder: 'you' })) : null,
    h('div', { class: 'actions wide' }, h('button', { type: 'submit' }, 'Create token')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    const v = n => (form.elements[n] ? form.elements[n].value.trim() : '');
    try {
      const t = await api.post('/auth/tokens', { name: v('name'), ttlDays: v('ttlDays') ? Number(v('ttlDays')) : null, username: v('username') || null });
      const code = h('code', { id: 'token-value' }, t.token);
      clear(secret, h('strong', {}, 'Token “' + t.name + '” created. Copy it now: it is shown only this once.'), h('div', { class: 'secret-row' }, code,
        h('button', { type: 'button', class: 'secondary', on: { click: () => navigator.clipboard.writeText(t.token).then(() => notify('Copied'), () => notify('Select the token and copy it by hand', 'error')) } }, 'Copy')),
        h('button', { type: 'button', class: 'link', on: { click: () => navigate('/tokens', { t: Date.now() }) } }, 'Done, I have copied it'));
      secret.hidden = false;
      form.reset();
    } catch (err) { if (err instanceof ApiError) showProblem(form, err); else throw err; }
  });
  root.append(secret, form);
  root.append(dataTable([
    { key: 'name', label: 'Name', sort: 'name' },
    { key: 'username', label: 'User' },
    { key: 'createTime', label: 'Created', sort: 'createTime', render: t => timeEl(t.createTime) },
    { key: 'expiresAt', label: 'Expires', render: t => timeEl(t.expiresAt) },
    { key: 'lastUsedAt', label: 'Last used', render: t => (t.lastUsedAt ? timeEl(t.lastUsedAt) : 'never') },
    { key: 'state', label: 'State', render: t => (t.revoked ? badge('revoked', 'bad') : badge('active', 'ok')) },
    { key: 'actions', label: '', render: t => (t.revoked ? '' : h('button', { type: 'button', class: 'danger small', on: { click: e => act(e.target, async () => {
      if (!await confirmDialog('Revoke token ' + t.name + '? Scripts using it stop working at once.', 'Revoke')) return;
      await api.del('/auth/tokens/' + t.id);
      notify('Revoked ' + t.name);
      navigate('/tokens', { t: Date.now() });
    }) } }, 'Revoke')) },
  ], { id: 'tokens-table', rows: page.items, sort: query.sort, onSort: sort => navigate('/tokens', { ...query, sort }), empty: 'No token yet.' }));
  root.append(pager(page, n => navigate('/tokens', { ...query, page: n })));
}

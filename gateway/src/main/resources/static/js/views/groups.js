// Worker groups: list with status, and a page per group to name it, add members one by one or by tag, and watch
// which member is down.
import { api, canWrite, ApiError } from '../api.js';
import { h, clear, badge, link } from '../dom.js';
import { dataTable, pager } from '../table.js';
import { field, input, select, showProblem, clearErrors, formError, confirmDialog, notify, act } from '../form.js';
import { navigate } from '../router.js';
import { onlineBadge } from './workers.js';

export function groupStatus(g) {
  return badge(g.statusName || (g.status === 1 ? 'normal' : 'abnormal'), g.status === 1 ? 'ok' : 'bad');
}

export async function list(root, params, query) {
  root.append(h('div', { class: 'title-row' }, h('h2', {}, 'Worker groups'),
    canWrite() ? h('a', { class: 'button', href: '#/groups/new', id: 'new-group' }, 'New group') : null));
  const results = h('div');
  const paint = page => clear(results, dataTable([
    { key: 'name', label: 'Name', sort: 'name', render: g => link('#/groups/' + g.id, g.name) },
    { key: 'status', label: 'Status', render: g => [groupStatus(g), g.statusReason ? h('span', { class: 'hint' }, ' ' + g.statusReason) : ''] },
    { key: 'members', label: 'Members', render: g => g.workers.map(w => h('span', { class: 'member ' + (w.online ? 'up' : 'down') }, link('#/workers/' + w.id, w.name))) },
    { key: 'tags', label: 'By tag', render: g => (g.tags || []).map(t => badge(t)) },
  ], { id: 'groups-table', rows: page.items, sort: query.sort, onSort: sort => navigate('/groups', { ...query, sort }), empty: 'No group yet.' }),
  pager(page, n => navigate('/groups', { ...query, page: n })));
  const q = { ...query, size: 50 };
  paint(await api.page('/worker-groups', q));
  root.append(results);
  const timer = setInterval(async () => { const p = await api.page('/worker-groups', q).catch(() => null); if (p) paint(p); }, 3000);
  return () => clearInterval(timer);
}

export async function edit(root, { id }) {
  let group = id ? await api.get('/worker-groups/' + id) : null;
  const workers = (await api.page('/workers', { size: 500 })).items;
  const ro = !canWrite();
  const memberIds = new Set(group ? group.workerIds : []);
  const tags = new Set(group ? group.tags : []);
  root.append(h('h2', {}, group ? 'Group ' + group.name : 'New worker group'));
  const live = h('section', { class: 'card', id: 'group-status' });
  const paintLive = g => clear(live, h('h3', {}, 'Status'),
    h('p', {}, groupStatus(g), ' ', g.statusReason || (g.status === 1 ? 'Every member is online.' : '')),
    g.workers.length ? h('ul', { class: 'members' }, g.workers.map(w => h('li', {}, onlineBadge(w.online), ' ',
      link('#/workers/' + w.id, w.name), w.tag ? [' ', badge(w.tag)] : '', memberIds.has(w.id) ? '' : h('span', { class: 'hint' }, ' (by tag)'))))
      : h('p', { class: 'hint' }, 'No member yet.'));
  if (group) { paintLive(group); root.append(live); }

  const memberList = h('ul', { class: 'chips', id: 'member-list' });
  const tagList = h('ul', { class: 'chips', id: 'tag-list' });
  const paintChoices = () => {
    clear(memberList, [...memberIds].map(wid => {
      const w = workers.find(x => x.id === wid);
      return h('li', {}, w ? w.name : '#' + wid, ro ? '' : h('button', { type: 'button', class: 'link', 'aria-label': 'Remove ' + (w ? w.name : wid), on: { click: () => { memberIds.delete(wid); paintChoices(); } } }, '×'));
    }));
    clear(tagList, [...tags].map(t => h('li', {}, 'tag: ' + t, ro ? '' : h('button', { type: 'button', class: 'link', 'aria-label': 'Remove tag ' + t, on: { click: () => { tags.delete(t); paintChoices(); } } }, '×'))));
  };
  const workerPick = select('addWorker', [['', 'choose a worker…'], ...workers.map(w => [w.id, w.name + (w.tag ? ' [' + w.tag + ']' : '') + (w.online ? '' : ' (offline)')])], '', { id: 'add-worker' });
  const knownTags = [...new Set(workers.map(w => w.tag).filter(Boolean))];
  const tagInput = input('addTag', { id: 'add-tag', list: 'known-tags', placeholder: 'a tag' });
  const form = h('form', { class: 'card form-grid', id: 'group-form', novalidate: true }, formError(),
    field('Name', input('name', { value: group ? group.name : '', required: true, disabled: ro })),
    h('div', { class: 'field wide', 'data-field': 'workerIds' }, h('span', { class: 'label' }, 'Members added one by one'), memberList,
      ro ? null : h('span', { class: 'inline' }, workerPick, h('button', { type: 'button', class: 'secondary', id: 'add-worker-btn', on: { click: () => {
        if (workerPick.value) { memberIds.add(Number(workerPick.value)); workerPick.value = ''; paintChoices(); }
      } } }, 'Add member')),
      h('span', { class: 'field-error', 'data-error-for': 'workerIds' })),
    h('div', { class: 'field wide', 'data-field': 'tags' }, h('span', { class: 'label' }, 'Members by tag (also workers that appear later)'), tagList,
      ro ? null : h('span', { class: 'inline' }, tagInput, h('datalist', { id: 'known-tags' }, knownTags.map(t => h('option', { value: t }))),
        h('button', { type: 'button', class: 'secondary', id: 'add-tag-btn', on: { click: () => {
          if (tagInput.value.trim()) { tags.add(tagInput.value.trim()); tagInput.value = ''; paintChoices(); }
        } } }, 'Add tag')),
      h('span', { class: 'field-error', 'data-error-for': 'tags' })),
    h('div', { class: 'actions wide' }, ro ? null : h('button', { type: 'submit', id: 'save-group' }, group ? 'Save' : 'Create'),
      h('a', { class: 'button secondary', href: '#/groups' }, 'Back'),
      group && !ro ? h('button', { type: 'button', class: 'danger', on: { click: e => act(e.target, async () => {
        if (!await confirmDialog('Delete group ' + group.name + '?', 'Delete')) return;
        await api.del('/worker-groups/' + group.id);
        notify('Deleted ' + group.name);
        navigate('/groups');
      }) } }, 'Delete') : null));
  paintChoices();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    const body = { name: form.elements.name.value.trim(), workerIds: [...memberIds], tags: [...tags] };
    if (group) body.version = group.version;
    try {
      const saved = group ? await api.put('/worker-groups/' + group.id, body) : await api.post('/worker-groups', body);
      notify('Saved ' + saved.name);
      navigate('/groups/' + saved.id);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 409 && err.problem.currentVersion !== undefined) err.message = 'Someone else changed this group meanwhile. Reload to see their version, then edit again.';
      showProblem(form, err);
    }
  });
  root.append(form);
  if (!group) return undefined;
  const timer = setInterval(async () => {
    try { group = await api.get('/worker-groups/' + group.id); paintLive(group); } catch { /* deleted */ }
  }, 3000);
  return () => clearInterval(timer);
}

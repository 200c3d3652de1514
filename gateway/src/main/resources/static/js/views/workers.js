// Workers: who is online with what load, filtered by tag; pre-declare, rename, re-tag or remove one.
import { api, canWrite, ApiError } from '../api.js';
import { h, clear, timeEl, badge, link, ago } from '../dom.js';
import { dataTable, pager, filterBar } from '../table.js';
import { field, input, select, showProblem, clearErrors, formError, confirmDialog, notify, act } from '../form.js';
import { navigate } from '../router.js';

export function onlineBadge(online) {
  return badge(online ? 'online' : 'offline', online ? 'ok' : 'bad');
}

export async function list(root, params, query) {
  const apiQuery = { ...query, size: query.size || 50 };
  const go = changes => navigate('/workers', { ...query, page: undefined, ...changes });
  root.append(h('div', { class: 'title-row' }, h('h2', {}, 'Workers'),
    canWrite() ? h('a', { class: 'button', href: '#/workers/new', id: 'new-worker' }, 'Add worker') : null));
  root.append(filterBar([
    field('Tag', input('tag', { value: query.tag || '' })),
    field('Name', input('name', { value: query.name || '' })),
    field('srvName', input('srvName', { value: query.srvName || '' })),
    field('Online', select('online', [['', 'any'], ['true', 'online'], ['false', 'offline']], query.online)),
  ], values => go({ ...values, sort: query.sort }), () => navigate('/workers')));
  const results = h('div');
  const paint = page => clear(results, dataTable([
    { key: 'name', label: 'Name', sort: 'name', render: w => link('#/workers/' + w.id, w.name) },
    { key: 'online', label: 'State', sort: 'online', render: w => onlineBadge(w.online) },
    { key: 'host', label: 'Host', render: w => (w.host || '') + (w.port ? ':' + w.port : '') },
    { key: 'srvName', label: 'srvName', sort: 'srvName' },
    { key: 'tag', label: 'Tag', sort: 'tag', render: w => (w.tag ? link('#/workers?tag=' + encodeURIComponent(w.tag), w.tag) : '') },
    { key: 'running', label: 'Running now', render: w => h('span', { class: 'load' }, h('meter', { min: 0, max: 16, value: w.running, 'aria-label': 'load' }), ' ', String(w.running)) },
    { key: 'lastHeartbeat', label: 'Last seen', sort: 'lastHeartbeat', render: w => (w.lastHeartbeat ? ago(Date.now() - w.lastHeartbeat) + ' ago' : 'never') },
    { key: 'actions', label: '', render: w => (canWrite() ? h('button', { type: 'button', class: 'danger small', on: { click: e => remove(e.target, w) } }, 'Delete') : '') },
  ], { id: 'workers-table', rows: page.items, sort: query.sort, onSort: sort => go({ sort }), empty: 'No worker. Workers appear when a worker-agent registers.' }),
  pager(page, n => navigate('/workers', { ...query, page: n })));
  paint(await api.page('/workers', apiQuery));
  root.append(results);
  const timer = setInterval(async () => { const p = await api.page('/workers', apiQuery).catch(() => null); if (p) paint(p); }, 3000);
  return () => clearInterval(timer);
}

async function remove(button, worker) {
  await act(button, async () => {
    if (!await confirmDialog(`Delete worker ${worker.name}? A worker that still runs registers again.`, 'Delete')) return;
    await api.del('/workers/' + worker.id);
    notify('Deleted ' + worker.name);
    navigate('/workers');
  });
}

export async function edit(root, { id }) {
  const worker = id ? await api.get('/workers/' + id) : null;
  root.append(h('h2', {}, worker ? 'Worker ' + worker.name : 'Add worker'));
  if (worker) {
    root.append(h('p', {}, onlineBadge(worker.online), ' ', worker.running + ' run(s) now · last seen ',
      worker.lastHeartbeat ? timeEl(worker.lastHeartbeat) : 'never', worker.instanceId ? ' · instance ' + worker.instanceId : '',
      ' · ', link('#/runs?workerName=' + encodeURIComponent(worker.name), 'its runs')));
  }
  const ro = !canWrite();
  const form = h('form', { class: 'card form-grid', id: 'worker-form', novalidate: true }, formError(),
    field('Name', input('name', { value: worker ? worker.name : '', required: true, disabled: ro })),
    field('Host', input('host', { value: worker ? worker.host || '' : '', placeholder: '10.0.0.5', disabled: ro })),
    field('srvName', input('srvName', { value: worker ? worker.srvName : 'worker-agent', required: true, disabled: ro }), { hint: 'The service name it registers under.' }),
    field('Tag', input('tag', { value: worker ? worker.tag || '' : '', disabled: ro }), { hint: 'Jobs with this tag run here.' }),
    h('div', { class: 'actions wide' }, ro ? null : h('button', { type: 'submit' }, worker ? 'Save' : 'Add'),
      h('a', { class: 'button secondary', href: '#/workers' }, 'Back'),
      worker && !ro ? h('button', { type: 'button', class: 'danger', on: { click: e => remove(e.target, worker) } }, 'Delete') : null));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    const v = n => form.elements[n].value.trim();
    const body = { name: v('name'), host: v('host') || null, srvName: v('srvName'), tag: v('tag') || null };
    if (worker) body.version = worker.version;
    try {
      const saved = worker ? await api.put('/workers/' + worker.id, body) : await api.post('/workers', body);
      notify('Saved ' + saved.name);
      navigate('/workers');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 409 || err.status === 412) err.message = 'Someone changed this worker meanwhile (the registry or another operator). Reload the page to see the current values, then edit again.';
      showProblem(form, err);
    }
  });
  root.append(form);
}

// Jobs: the searchable list with batch scheduling (now, after a delay, at a time), stop, run now and delete,
// and one job's page.
import { api, canWrite } from '../api.js';
import { h, clear, timeEl, badge, link, browserZone, fmtTime } from '../dom.js';
import { dataTable, pager, filterBar } from '../table.js';
import { field, input, select, confirmDialog, notify, act } from '../form.js';
import { navigate, href } from '../router.js';
import { runResult } from './runs.js';
import { dependencySection } from './dependencies.js';

export const TYPES = ['command', 'shell', 'python', 'golang', 'http'];
const selection = new Set();

export async function list(root, params, query) {
  const groups = (await api.page('/worker-groups', { size: 200 })).items;
  const page = await api.page('/jobs', { ...query, size: query.size || 20, sort: query.sort || 'id,desc' });
  const go = changes => navigate('/jobs', { ...query, page: undefined, ...changes });
  const toolbar = h('div', { class: 'toolbar', id: 'job-batch' });

  root.append(h('div', { class: 'title-row' }, h('h2', {}, 'Jobs'),
    canWrite() ? h('a', { class: 'button', href: '#/jobs/new', id: 'new-job' }, 'New job') : null));
  root.append(filterBar([
    field('Name', input('name', { value: query.name || '', type: 'search', placeholder: 'part of the name' })),
    field('Type', select('type', [['', 'any'], ...TYPES], query.type)),
    field('Tag', input('tag', { value: query.tag || '' })),
    field('Group', select('groupId', [['', 'any'], ...groups.map(g => [g.id, g.name])], query.groupId)),
    field('Scheduled', select('scheduled', [['', 'any'], ['true', 'scheduled'], ['false', 'stopped']], query.scheduled)),
  ], values => go({ ...values, sort: query.sort }), () => navigate('/jobs')));

  const renderToolbar = () => clear(toolbar, batchControls(root, () => navigate('/jobs', query)));
  root.append(toolbar);
  root.append(dataTable([
    { key: 'id', label: 'ID', sort: 'id' },
    { key: 'name', label: 'Name', sort: 'name', render: j => link('#/jobs/' + j.id, j.name) },
    { key: 'type', label: 'Type', sort: 'type' },
    { key: 'cron', label: 'Cron', render: j => h('span', {}, h('code', {}, j.cron), ' ', h('span', { class: 'muted' }, j.timeZone)) },
    { key: 'where', label: 'Group / tag', render: j => [j.groupName ? link('#/groups/' + j.groupId, j.groupName) : '', j.tag ? badge(j.tag) : ''] },
    { key: 'state', label: 'State', render: scheduleState },
    { key: 'next', label: 'Next fire', render: j => (j.scheduled ? timeEl(j.nextFireAt) : '') },
    { key: 'last', label: 'Last run', sort: 'startTime', render: lastRun },
  ], {
    id: 'jobs-table', rows: page.items, sort: query.sort || 'id,desc', onSort: sort => go({ sort }),
    selection: canWrite() ? selection : null, onSelect: renderToolbar, empty: 'No job matches. Create one with “New job”.',
  }));
  root.append(pager(page, n => navigate('/jobs', { ...query, page: n })));
  renderToolbar();
  const timer = setInterval(() => refreshStates(root, { ...query, size: query.size || 20, sort: query.sort || 'id,desc' }), 5000);
  return () => clearInterval(timer);
}

// Keeps state, next fire and last run current without re-rendering the page (and losing the selection).
async function refreshStates(root, apiQuery) {
  const page = await api.page('/jobs', apiQuery).catch(() => null);
  if (!page) return;
  for (const job of page.items) {
    const row = root.querySelector(`#jobs-table tbody tr[data-id="${job.id}"]`);
    if (!row) continue;
    clear(row.querySelector('[data-col=state]'), scheduleState(job));
    clear(row.querySelector('[data-col=next]'), job.scheduled ? timeEl(job.nextFireAt) : '');
    clear(row.querySelector('[data-col=last]'), lastRun(job));
  }
}

function lastRun(job) {
  if (!job.result && !job.startTime) return h('span', { class: 'muted' }, 'never');
  return [runResult(job), job.times != null ? ' ' + job.times + ' ms' : ''];
}

export function scheduleState(job) {
  if (!job.scheduled) return badge('stopped', 'muted');
  if (job.notBefore && job.notBefore > Date.now()) {
    return h('span', {}, badge('scheduled', 'ok'), ' from ', timeEl(job.notBefore));
  }
  return badge('scheduled', 'ok');
}

/** Start now / after a delay / at a time, stop, run now, delete, for the selected jobs (or the given ids). */
export function batchControls(root, done, ids) {
  if (!canWrite()) return [];
  const chosen = () => (ids ? ids : [...selection]);
  const count = h('span', { class: 'selection-count', 'aria-live': 'polite' },
    ids ? '' : (selection.size ? selection.size + ' selected' : 'Select jobs to start, stop, run or delete them'));
  const mode = select('startMode', [['now', 'now'], ['delay', 'after a delay'], ['at', 'at a date and time']], 'now', { id: 'start-mode' });
  const delay = input('delaySeconds', { type: 'number', min: 1, value: 30, id: 'start-delay', 'aria-label': 'Delay in seconds' });
  const at = input('startAt', { type: 'datetime-local', step: 1, id: 'start-at', 'aria-label': 'Start at (' + browserZone + ')' });
  const delayBox = h('span', { class: 'inline', hidden: true }, delay, ' s');
  const atBox = h('span', { class: 'inline', hidden: true }, at, h('span', { class: 'muted' }, ' ' + browserZone));
  mode.addEventListener('change', () => { delayBox.hidden = mode.value !== 'delay'; atBox.hidden = mode.value !== 'at'; });
  const need = () => { if (!chosen().length) { notify('Select at least one job first.', 'error'); return false; } return true; };
  const startBtn = h('button', { type: 'button', id: 'batch-start', on: { click: () => need() && act(startBtn, async () => {
    const body = { jobIds: chosen() };
    if (mode.value === 'delay') body.delaySeconds = Number(delay.value);
    if (mode.value === 'at') {
      if (!at.value) { notify('Choose the date and time to start at.', 'error'); return; }
      body.startAt = new Date(at.value).toISOString();
    }
    await api.post('/schedulers', body);
    notify(`Started ${body.jobIds.length} job(s)` + (body.delaySeconds ? ` in ${body.delaySeconds} s` : body.startAt ? ' at ' + fmtTime(body.startAt) : ''));
    done();
  }) } }, 'Start');
  const stopBtn = h('button', { type: 'button', id: 'batch-stop', class: 'secondary', on: { click: () => need() && act(stopBtn, async () => {
    await api.del('/schedulers', { jobIds: chosen() });
    notify(`Stopped ${chosen().length} job(s)`);
    done();
  }) } }, 'Stop');
  const runBtn = h('button', { type: 'button', id: 'batch-run', class: 'secondary', on: { click: () => need() && act(runBtn, async () => {
    for (const id of chosen()) await api.post('/jobs/' + id + '/runs');
    notify(`Asked for ${chosen().length} run(s) now`);
    navigate('/runs', chosen().length === 1 ? { jobId: chosen()[0] } : {});
  }) } }, 'Run now');
  const deleteBtn = h('button', { type: 'button', id: 'batch-delete', class: 'danger', on: { click: () => need() && act(deleteBtn, async () => {
    if (!await confirmDialog(`Delete ${chosen().length} job(s)? Their run history stays.`, 'Delete')) return;
    for (const id of chosen()) { await api.del('/jobs/' + id); selection.delete(id); }
    notify('Deleted');
    ids ? navigate('/jobs') : done();
  }) } }, 'Delete');
  return [count, h('span', { class: 'inline' }, h('label', { for: 'start-mode' }, 'Start '), mode, delayBox, atBox, startBtn), stopBtn, runBtn, deleteBtn];
}

export async function detail(root, { id }) {
  const job = await api.get('/jobs/' + id);
  const recent = await api.page('/scheduler-logs', { jobId: id, size: 10 });
  let preview = null;
  try { preview = await api.get('/cron/preview', { cron: job.cron, timeZone: job.timeZone, count: 5 }); } catch { /* shown as none */ }
  root.append(h('div', { class: 'title-row' }, h('h2', {}, job.name),
    canWrite() ? h('a', { class: 'button', href: '#/jobs/' + id + '/edit', id: 'edit-job' }, 'Edit') : null));
  root.append(h('div', { class: 'toolbar' }, batchControls(root, () => navigate('/jobs/' + id), [job.id])));
  root.append(h('div', { class: 'grid-2' },
    h('section', { class: 'card' }, h('h3', {}, 'Definition'), dl([
      ['ID', job.id], ['jobId', job.jobId], ['Type', job.type], ['Cron', job.cron], ['Time zone', job.timeZone],
      ['Group', job.groupName ? link('#/groups/' + job.groupId, job.groupName) : '—'], ['Tag', job.tag || '—'],
      ['Routing', job.routing], ['Misfire', job.misfire], ['Concurrency', job.concurrency],
      ['Retries', job.retries + ' (backoff ' + job.retryBackoffMs + ' ms)' + (job.idempotent ? '; idempotent: unknown outcomes retried too' : '')], ['Timeout', job.timeoutMs ? job.timeoutMs + ' ms' : 'none'],
      ['Parameters', Object.entries(job.parameters || {}).map(([k, v]) => k + '=' + v).join(', ') || '—'],
      ['Remark', job.remark || '—'], ['Created by', (job.username || '') + ' at ' + fmtTime(job.createTime)],
    ]), h('h4', {}, 'Target'), h('pre', { class: 'code' }, job.target)),
    h('section', { class: 'card' }, h('h3', {}, 'Schedule'), dl([
      ['State', scheduleState(job)], ['Next fire', job.scheduled ? timeEl(job.nextFireAt) : '—'],
      ['Not before', job.notBefore ? timeEl(job.notBefore) : '—'],
      ['Last run', job.result || job.startTime ? [runResult(job), ' on ', job.ip || '?', ' · ', job.times ?? '', ' ms'] : 'never'],
    ]), h('h4', {}, 'Next fire times'), preview ? h('table', { class: 'compact' },
      h('thead', {}, h('tr', {}, h('th', {}, job.timeZone), h('th', {}, 'your zone (' + browserZone + ')'))),
      h('tbody', {}, preview.nextFireTimes.map(t => h('tr', {}, h('td', {}, fmtTime(t, job.timeZone)), h('td', {}, fmtTime(t)))))) : '—',
    preview ? h('p', { class: 'hint' }, preview.description) : null)));
  root.append(await dependencySection(id));
  root.append(h('section', { class: 'card' }, h('div', { class: 'title-row' }, h('h3', {}, 'Recent runs'),
    h('a', { href: href('/runs', { jobId: id }) }, 'All runs of this job')),
  dataTable([
    { key: 'id', label: 'Run', render: r => link('#/runs/' + r.id, '#' + r.id) },
    { key: 'triggerKind', label: 'Trigger' },
    { key: 'scheduledAt', label: 'Scheduled', render: r => timeEl(r.scheduledAt) },
    { key: 'workerName', label: 'Worker' },
    { key: 'result', label: 'Result', render: runResult },
    { key: 'times', label: 'ms' },
  ], { rows: recent.items, empty: 'No run yet.' })));
}

export function dl(pairs) {
  return h('dl', { class: 'pairs' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null || v === undefined ? '' : v)]));
}

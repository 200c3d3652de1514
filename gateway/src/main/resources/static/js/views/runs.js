// Run logs: the filterable history, and one run with its output, tailed live while it runs, and kill.
import { api, canWrite } from '../api.js';
import { h, clear, timeEl, badge, link, fmtTime } from '../dom.js';
import { dataTable, pager, filterBar } from '../table.js';
import { field, input, select, confirmDialog, notify, act } from '../form.js';
import { navigate } from '../router.js';
import { dl } from './jobs.js';
import { runTreeSection } from './dependencies.js';

/** A run's (or a job's last run's) result as a coloured badge. */
export function runResult(run) {
  // Status 3 on a finished run: its worker died while it ran, so it may or may not have done its work.
  if ((run.statusName === 'unknown' || run.status === 3) && (run.resultName || run.result)) {
    return h('span', { title: 'The worker died while this run ran: it may have done its work. Retried only if the job is marked idempotent.' },
      badge('unknown outcome', 'warn'));
  }
  if (run.resultName || run.result) {
    const name = run.resultName || (run.result === 1 ? 'ok' : 'failed');
    return badge(name, name === 'ok' ? 'ok' : 'bad');
  }
  const s = run.state || run.statusName;
  return badge(s === 'dispatched' ? 'running' : (s || 'unknown'), s === 'dispatched' || s === 'running' ? 'run' : 'muted');
}

const local = ms => { // Unix ms -> datetime-local value in the browser's zone
  const d = new Date(Number(ms));
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
};

export async function list(root, params, query) {
  const apiQuery = { ...query, size: query.size || 25, sort: query.sort || 'id,desc' };
  if (query.from) apiQuery.from = String(new Date(query.from).getTime());
  if (query.to) apiQuery.to = String(new Date(query.to).getTime());
  const page = await api.page('/scheduler-logs', apiQuery);
  const go = changes => navigate('/runs', { ...query, page: undefined, ...changes });
  root.append(h('h2', {}, 'Run logs'));
  root.append(filterBar([
    field('Job id', input('jobId', { value: query.jobId || '', placeholder: 'id or jobId UUID' })),
    field('Job name', input('jobName', { value: query.jobName || '', type: 'search' })),
    field('Worker', input('workerName', { value: query.workerName || '' })),
    field('Result', select('result', [['', 'any'], ['1', 'ok'], ['2', 'failed']], query.result)),
    field('State', select('state', [['', 'any'], ['requested', 'requested'], ['claimed', 'claimed'], ['dispatched', 'running'], ['finished', 'finished']], query.state)),
    field('Trigger', select('triggerKind', [['', 'any'], 'cron', 'manual', 'retry', 'misfire'], query.triggerKind)),
    field('From', input('from', { type: 'datetime-local', step: 1, value: query.from || '' })),
    field('To', input('to', { type: 'datetime-local', step: 1, value: query.to || '' })),
  ], values => go({ ...values, sort: query.sort }), () => navigate('/runs')));
  root.append(h('div', { class: 'toolbar' }, h('span', { class: 'muted' }, 'Quick range: '),
    ...[['last 15 min', 15], ['last hour', 60], ['last day', 1440]].map(([label, min]) =>
      h('button', { type: 'button', class: 'secondary', on: { click: () => go({ from: local(Date.now() - min * 60000), to: '' }) } }, label))));
  const results = h('div');
  const paint = p => clear(results, dataTable([
    { key: 'id', label: 'Run', sort: 'id', render: r => link('#/runs/' + r.id, '#' + r.id) },
    { key: 'jobName', label: 'Job', sort: 'jobName', render: r => link('#/jobs/' + r.jobId, r.jobName) },
    { key: 'triggerKind', label: 'Trigger' },
    { key: 'scheduledAt', label: 'Scheduled', sort: 'scheduledAt', render: r => timeEl(r.scheduledAt) },
    { key: 'late', label: 'Late', render: r => (r.startedAt ? (r.startedAt - r.scheduledAt) + ' ms' : '') },
    { key: 'worker', label: 'Worker', render: r => [r.workerName, r.workerIp].filter(Boolean).join(' @ ') },
    { key: 'result', label: 'Result', render: runResult },
    { key: 'times', label: 'ms', sort: 'times' },
    { key: 'message', label: 'Message', render: r => h('span', { class: 'clip', title: r.message || '' }, r.message || '') },
  ], { id: 'runs-table', rows: p.items, sort: apiQuery.sort, onSort: sort => go({ sort }), empty: 'No run matches.' }),
  pager(p, n => navigate('/runs', { ...query, page: n })));
  paint(page);
  root.append(results);
  // The list refreshes itself (table only, so a filter being typed keeps its focus).
  const timer = setInterval(async () => {
    const fresh = await api.page('/scheduler-logs', apiQuery).catch(() => null);
    if (fresh) paint(fresh);
  }, 3000);
  return () => clearInterval(timer);
}

export async function detail(root, { id }) {
  let run = await api.get('/scheduler-logs/' + id);
  const info = h('div');
  const output = h('pre', { class: 'output', id: 'run-output', tabindex: '0', 'aria-label': 'Output' });
  const status = h('p', { class: 'hint', id: 'tail-status', 'aria-live': 'polite' });
  const follow = h('input', { type: 'checkbox', id: 'follow', checked: true });
  const actions = h('div', { class: 'toolbar' });
  root.append(h('div', { class: 'title-row' }, h('h2', {}, 'Run #' + run.id + ' of ', link('#/jobs/' + run.jobId, run.jobName)), actions));
  root.append(info, h('section', { class: 'card' }, h('div', { class: 'title-row' }, h('h3', {}, 'Output'),
    h('label', { class: 'inline' }, follow, ' follow')), status, output));
  root.append(await runTreeSection(id));

  const paint = () => {
    clear(info, h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, dl([
        ['Result', runResult(run)], ['State', run.state], ['Trigger', run.triggerKind + (run.attempt > 1 ? ' (attempt ' + run.attempt + ')' : '')],
        ['Exit code', run.exitCode ?? '—'], ['Duration', run.times != null ? run.times + ' ms' : '—'], ['Message', run.message || '—'],
      ])),
      h('section', { class: 'card' }, dl([
        ['Scheduled', timeEl(run.scheduledAt)], ['Dispatched', run.dispatchedAt ? timeEl(run.dispatchedAt) : '—'],
        ['Started', run.startedAt ? [timeEl(run.startedAt), ' (' + (run.startedAt - run.scheduledAt) + ' ms after the slot)'] : '—'], ['Ended', run.endedAt ? timeEl(run.endedAt) : '—'],
        ['Worker', [run.workerName, run.workerIp].filter(Boolean).join(' @ ') || '—'], ['Group', run.workerGroupName || '—'],
        ['Leader epoch', run.epoch], ['Kill requested', run.killRequestedAt ? fmtTime(run.killRequestedAt) : '—'],
      ]))));
    clear(actions, canWrite() && run.state !== 'finished' ? h('button', { type: 'button', class: 'danger', id: 'kill-run', on: { click: e => act(e.target, async () => {
      if (!await confirmDialog('Kill run #' + run.id + ' of ' + run.jobName + '?', 'Kill')) return;
      run = { ...run, ...(await api.post('/scheduler-logs/' + run.id + '/kill')) };
      notify('Kill requested for run #' + run.id);
      paint();
    }) } }, 'Kill') : null);
  };
  paint();

  let offset = 0;
  let stopped = false;
  let timer = null;
  const tail = async () => {
    if (stopped) return;
    try {
      const slice = await api.get('/scheduler-logs/' + id + '/output', { offset });
      if (slice.data) {
        output.append(document.createTextNode(slice.data));
        if (follow.checked) output.scrollTop = output.scrollHeight;
      }
      offset = slice.nextOffset;
      status.textContent = slice.finished ? 'The run has ended.' : slice.source === 'worker' ? 'Live from the worker…'
        : slice.source === 'unavailable' ? 'Waiting for the worker: ' + (slice.message || '') : 'Waiting for the run to start…';
      if (slice.finished) {
        run = await api.get('/scheduler-logs/' + id);
        paint();
        if (!output.textContent) output.textContent = '(no output)';
        return;
      }
      if (slice.source !== 'stored') { const fresh = await api.get('/scheduler-logs/' + id); if (fresh.state !== run.state || fresh.killRequestedAt !== run.killRequestedAt) { run = fresh; paint(); } }
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = e.message;
      if (e.status === 503 && run.state !== 'finished') {
        // No live output from this admin-service: show the stored output when the run ends.
      }
    }
    timer = setTimeout(tail, 1000);
  };
  await tail();
  return () => { stopped = true; clearTimeout(timer); };
}

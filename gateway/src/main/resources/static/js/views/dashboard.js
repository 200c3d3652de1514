// The landing page: runs per minute by result, trigger lateness p50/p99, missed fires, workers online, the
// cluster's leader and the last failures, refreshed every 10 seconds.
import { api } from '../api.js';
import { h, clear, timeEl, link } from '../dom.js';
import { dataTable } from '../table.js';
import { select } from '../form.js';
import { navigate, href } from '../router.js';
import { timeChart } from '../charts.js';

export async function render(root, params, query) {
  const minutes = Number(query.minutes || 60);
  const range = select('minutes', [[15, 'last 15 minutes'], [60, 'last hour'], [360, 'last 6 hours'], [1440, 'last day']], minutes, { id: 'dash-range' });
  range.addEventListener('change', () => navigate('/dashboard', { minutes: range.value }));
  root.append(h('div', { class: 'title-row' }, h('h2', {}, 'Dashboard'), h('span', { class: 'inline' }, h('label', { for: 'dash-range' }, 'Showing '), range)));
  const stats = h('div', { class: 'stats', id: 'dash-stats' });
  const runsBox = h('div', { class: 'chart', id: 'chart-runs' });
  const lateBox = h('div', { class: 'chart', id: 'chart-lateness' });
  const failures = h('section', { class: 'card' });
  root.append(stats, h('div', { class: 'grid-2' }, h('section', { class: 'card' }, runsBox), h('section', { class: 'card' }, lateBox)), failures);

  let runsChart = null;
  let lateChart = null;
  const load = async () => {
    const [d, masters] = await Promise.all([api.get('/dashboard', { minutes }), api.page('/masters', {}).catch(() => ({ items: [] }))]);
    const leader = masters.items.find(m => m.status === 1 && m.online);
    clear(stats,
      stat('Runs', d.runs, href('/runs', {}), `in the ${range.selectedOptions[0].textContent}`),
      stat('Succeeded', d.ok, href('/runs', { result: 1 }), '', 'ok'),
      stat('Failed', d.failed, href('/runs', { result: 2 }), '', d.failed ? 'bad' : ''),
      stat('Missed fires', d.missed, null, `started more than ${d.lateThresholdMs} ms late, or never`, d.missed ? 'bad' : ''),
      stat('Workers online', d.workersOnline + ' / ' + d.workersTotal, href('/workers', {}), '', d.workersOnline < d.workersTotal ? 'bad' : 'ok'),
      stat('Jobs scheduled', d.jobsScheduled, href('/jobs', { scheduled: 'true' })),
      stat('Leader', leader ? 'epoch ' + leader.epoch : 'none', href('/masters', {}), leader ? (leader.instanceId || leader.ip) : 'no master leads', leader ? 'ok' : 'bad'));
    const x = d.minutes.map(b => b.start / 1000);
    const runsData = [x, d.minutes.map(b => b.ok), d.minutes.map(b => b.failed), d.minutes.map(b => b.other), d.minutes.map(b => b.missed)];
    const lateData = [x, d.minutes.map(b => b.lateP50Ms), d.minutes.map(b => b.lateP99Ms)];
    const per = d.bucketMs === 60000 ? 'minute' : (d.bucketMs / 60000) + ' minutes';
    if (!runsChart) {
      runsChart = timeChart(runsBox, 'Runs per ' + per + ' by result', [
        { label: 'ok', stroke: '#1b7f3b', fill: 'rgba(27,127,59,.15)' },
        { label: 'failed', stroke: '#b3261e', fill: 'rgba(179,38,30,.15)' },
        { label: 'running / waiting', stroke: '#6b7280' },
        { label: 'missed', stroke: '#d97706' }], runsData, { yLabel: 'runs' });
      lateChart = timeChart(lateBox, 'Trigger lateness (start − slot)', [
        { label: 'p50 ms', stroke: '#2563eb', points: true }, { label: 'p99 ms', stroke: '#9333ea', points: true }], lateData, { yLabel: 'ms' });
    } else {
      runsChart.update(runsData);
      lateChart.update(lateData);
    }
    clear(failures, h('div', { class: 'title-row' }, h('h3', {}, 'Last failures'), link(href('/runs', { result: 2 }), 'All failed runs')),
      dataTable([
        { key: 'id', label: 'Run', render: f => link('#/runs/' + f.id, '#' + f.id) },
        { key: 'jobName', label: 'Job', render: f => link('#/jobs/' + f.jobId, f.jobName) },
        { key: 'workerName', label: 'Worker' },
        { key: 'endedAt', label: 'Ended', render: f => timeEl(f.endedAt) },
        { key: 'exitCode', label: 'Exit' },
        { key: 'message', label: 'Message', render: f => h('span', { class: 'clip', title: f.message || '' }, f.message || '') },
      ], { id: 'failures-table', rows: d.lastFailures, empty: 'No failed run. ' }));
  };
  await load();
  const timer = setInterval(() => load().catch(() => {}), 10000);
  return () => { clearInterval(timer); if (runsChart) { runsChart.destroy(); lateChart.destroy(); } };
}

function stat(label, value, target, hint, kind) {
  const body = [h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, label), hint ? h('span', { class: 'hint' }, hint) : null];
  return target ? h('a', { class: 'stat ' + (kind || ''), href: target }, body) : h('div', { class: 'stat ' + (kind || '') }, body);
}


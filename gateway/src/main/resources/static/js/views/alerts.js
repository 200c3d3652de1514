// Alerts: the history of incidents (open until their all-clear) with each alert sent per channel, filterable;
// the tabs lead to the rules that raise them and the channels they go to.
import { api } from '../api.js';
import { h, timeEl, badge, link } from '../dom.js';
import { dataTable, pager, filterBar } from '../table.js';
import { field, input, select, section } from '../form.js';
import { navigate } from '../router.js';

export const KINDS = [
  ['run_failed', 'Run failed'], ['consecutive_failures', 'Failures in a row'], ['missed_fire', 'Missed or skipped slot'],
  ['late_trigger', 'Late trigger'], ['long_run', 'Run too long'], ['group_unhealthy', 'Worker group without a worker'],
];
export const kindLabel = kind => (KINDS.find(k => k[0] === kind) || [kind, kind])[1];

/** The tab strip shared by the three alert pages. */
export function alertTabs(current) {
  const tab = (path, label, key) => h('a', { href: '#' + path, class: 'button' + (current === key ? '' : ' secondary'),
    'aria-current': current === key ? 'page' : null }, label);
  return h('nav', { class: 'toolbar', 'aria-label': 'Alerting' }, tab('/alerts', 'History', 'history'),
    tab('/alerts/rules', 'Rules', 'rules'), tab('/alerts/channels', 'Channels', 'channels'));
}

const stateBadge = i => (i.state === 'open' ? badge('open', 'bad') : badge('resolved', 'ok'));
const deliveryBadge = d => badge(d.status, { sent: 'ok', failed: 'bad', suppressed: 'warn', pending: 'run', sending: 'run' }[d.status] || '');

export async function history(root, params, query) {
  const q = { ...query, size: query.size || 50 };
  if (query.from) q.from = new Date(query.from).toISOString();
  if (query.to) q.to = new Date(query.to).toISOString();
  const page = await api.page('/alerts', q);
  root.append(h('h2', {}, 'Alerts'), alertTabs('history'));
  root.append(filterBar([
    field('State', select('state', [['', 'any'], ['open', 'open'], ['resolved', 'resolved']], query.state)),
    field('Kind', select('kind', [['', 'any'], ...KINDS], query.kind)),
    field('Job or group', input('subject', { value: query.subject || '' })),
    field('From', input('from', { type: 'datetime-local', step: 1, value: query.from || '' })),
    field('To', input('to', { type: 'datetime-local', step: 1, value: query.to || '' })),
  ], values => navigate('/alerts', values), () => navigate('/alerts')));
  root.append(dataTable([
    { key: 'openedAt', label: 'Opened', render: i => timeEl(i.openedAt) },
    { key: 'state', label: 'State', render: stateBadge },
    { key: 'kind', label: 'Kind', render: i => kindLabel(i.kind) },
    { key: 'subjectName', label: 'Job or group', render: i => subjectLink(i) },
    { key: 'summary', label: 'What happened', render: i => h('a', { href: '#/alerts/' + i.id, class: 'clip', title: i.summary }, i.summary) },
    { key: 'occurrences', label: 'Times' },
    { key: 'resolvedAt', label: 'Resolved', render: i => (i.resolvedAt ? timeEl(i.resolvedAt) : '') },
  ], { id: 'alerts-table', rows: page.items, empty: 'No alert in this range. Rules raise them; see the Rules tab.' }));
  root.append(pager(page, n => navigate('/alerts', { ...query, page: n })));
}

function subjectLink(i) {
  const [type, id] = (i.subjectKey || '').split(':');
  return link(type === 'group' ? '#/groups/' + id : '#/jobs/' + id, i.subjectName);
}

export async function detail(root, { id }) {
  const i = await api.get('/alerts/' + id);
  root.append(h('h2', {}, 'Alert ' + i.id), alertTabs('history'));
  root.append(section('Incident',
    h('p', {}, stateBadge(i), ' ', kindLabel(i.kind), ' · rule ', i.ruleName, ' · ', subjectLink(i)),
    h('p', { id: 'alert-summary' }, i.summary),
    h('p', {}, 'Opened ', timeEl(i.openedAt), i.resolvedAt ? [' · resolved ', timeEl(i.resolvedAt)] : ' · still open',
      ' · observed ' + i.occurrences + ' time(s)', i.lastRunId ? [' · last run ', link('#/runs/' + i.lastRunId, '#' + i.lastRunId)] : ''),
    i.resolution ? h('p', { class: 'muted' }, i.resolution) : null));
  root.append(section('Sent',
    dataTable([
      { key: 'event', label: 'Event' },
      { key: 'channelName', label: 'Channel' },
      { key: 'status', label: 'Status', render: deliveryBadge },
      { key: 'attempts', label: 'Attempts', render: d => h('ul', { class: 'attempts' }, (d.attemptLog || []).map(a =>
        h('li', {}, timeEl(a.at), ' ', a.ok ? badge('ok', 'ok') : badge('failed', 'bad'), ' ', a.detail || '', ' (' + a.durationMs + ' ms)'))) },
      { key: 'lastError', label: 'Last error', render: d => d.lastError || '' },
      { key: 'payload', label: 'Body', render: d => h('details', {}, h('summary', {}, 'JSON'), h('pre', { class: 'mono' }, pretty(d.payload))) },
    ], { id: 'deliveries-table', rows: i.deliveries || [], empty: 'No channel was told (the rule had none enabled).' })));
}

function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text || ''; }
}

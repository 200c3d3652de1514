// The scheduler cluster: each master, who leads with which epoch, how fresh its heartbeat is and which share of
// the partitions it fires; a banner when partitions have no live master, because their jobs are not firing.
import { api } from '../api.js';
import { h, clear, timeEl, badge, ago } from '../dom.js';
import { dataTable } from '../table.js';

const count = (n, one, many) => n + ' ' + (n === 1 ? one : many);

export async function render(root) {
  root.append(h('h2', {}, 'Scheduler cluster'));
  const summary = h('p', { id: 'cluster-summary' });
  const warning = h('div', { id: 'partition-warning', class: 'banner bad', role: 'alert', hidden: true });
  const results = h('div');
  root.append(summary, warning, results);
  const paint = cluster => {
    const masters = cluster.items || [];
    const total = cluster.partitionCount || 0;
    const leader = masters.find(m => m.status === 1 && m.online);
    clear(summary, leader ? ['Leader: ', h('strong', {}, leader.instanceId || leader.ip), ' · epoch ', String(leader.epoch), ' · ',
      String(masters.filter(m => m.online).length), ' of ', String(masters.length), ' online'] : badge('no leader online', 'bad'),
    total ? [' · ', String(cluster.heldPartitions), ' of ', String(total), ' partitions held'] : null,
    cluster.handingOffPartitions ? [' · ', count(cluster.handingOffPartitions, 'partition', 'partitions'), ' moving to another master'] : null);
    paintWarning(warning, cluster, masters);
    clear(results, dataTable([
      { key: 'id', label: 'ID' },
      { key: 'instanceId', label: 'Instance' },
      { key: 'addr', label: 'Address', render: m => m.ip + ':' + m.port },
      { key: 'role', label: 'Role', render: m => badge(m.status === 1 ? 'leader' : 'follower', m.status === 1 ? 'ok' : '') },
      { key: 'epoch', label: 'Epoch' },
      { key: 'online', label: 'State', render: m => badge(m.online ? 'online' : 'offline', m.online ? 'ok' : 'bad') },
      total ? { key: 'partitions', label: 'Partitions held', render: m => share(m, total) } : null,
      total ? { key: 'scheduledJobs', label: 'Jobs it fires', render: m => String(m.scheduledJobs) } : null,
      { key: 'age', label: 'Heartbeat age', render: m => ago(m.heartbeatAgeMs) },
      { key: 'lastHeartbeat', label: 'Last heartbeat', render: m => timeEl(m.lastHeartbeat) },
      { key: 'startedAt', label: 'Started', render: m => timeEl(m.startedAt) },
    ].filter(Boolean), { id: 'masters-table', rows: masters, empty: 'No master has started.' }));
  };
  // The whole answer, not api.page: the partition counts sit beside the list envelope.
  const load = () => api.get('/masters');
  paint(await load());
  const timer = setInterval(async () => { try { paint(await load()); } catch { /* next time */ } }, 2000);
  return () => clearInterval(timer);
}

/** "43 / 128" with a bar and the percentage; while a handover is under way, what the leader assigned it. */
function share(master, total) {
  const percent = Math.round(master.share * 100) + '%';
  return h('span', { class: 'share' },
    h('meter', { min: 0, max: total, value: master.partitions, 'aria-label': 'share of partitions: ' + percent }), ' ',
    master.partitions + ' / ' + total, ' ', h('span', { class: 'muted' }, '(' + percent + ')'),
    master.assignedPartitions !== master.partitions
      ? h('div', { class: 'hint' }, 'assigned ' + master.assignedPartitions + ' · handover under way') : null);
}

// Rewritten only when its text changes: an alert region is read out again on every change.
function paintWarning(warning, cluster, masters) {
  const unheld = cluster.unheldPartitions || 0;
  const jobs = cluster.unheldScheduledJobs || 0;
  const lines = unheld === 0 ? [] : [
    unheld === cluster.partitionCount ? 'None of the ' + unheld + ' partitions is held by a master.'
      : unheld + ' of ' + cluster.partitionCount + (unheld === 1 ? ' partitions is' : ' partitions are') + ' not held by any master.',
    jobs === 0 ? 'No scheduled job is in them right now, but a job that lands there will not fire until a master takes them over.'
      : count(jobs, 'scheduled job in them is', 'scheduled jobs in them are') + ' not firing until a master takes these partitions over.',
    masters.some(m => m.online) ? 'The leader hands unheld partitions to live masters; if this stays, check the masters’ logs and their database connection.'
      : 'No master is online: start one to resume firing.',
  ];
  const text = lines.join(' ');
  if (warning.dataset.text === text) return;
  warning.dataset.text = text;
  clear(warning, lines.length ? [h('strong', {}, lines[0]), ' ', lines.slice(1).join(' ')] : null);
  warning.hidden = lines.length === 0;
}

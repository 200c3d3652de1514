// The scheduler cluster: each master, who leads with which epoch, and how fresh its heartbeat is.
import { api } from '../api.js';
import { h, clear, timeEl, badge, ago } from '../dom.js';
import { dataTable } from '../table.js';

export async function render(root) {
  root.append(h('h2', {}, 'Scheduler cluster'));
  const summary = h('p', { id: 'cluster-summary' });
  const results = h('div');
  root.append(summary, results);
  const paint = masters => {
    const leader = masters.find(m => m.status === 1 && m.online);
    clear(summary, leader ? ['Leader: ', h('strong', {}, leader.instanceId || leader.ip), ' · epoch ', String(leader.epoch), ' · ',
      String(masters.filter(m => m.online).length), ' of ', String(masters.length), ' online'] : badge('no leader online', 'bad'));
    clear(results, dataTable([
      { key: 'id', label: 'ID' },
      { key: 'instanceId', label: 'Instance' },
      { key: 'addr', label: 'Address', render: m => m.ip + ':' + m.port },
      { key: 'role', label: 'Role', render: m => badge(m.status === 1 ? 'leader' : 'follower', m.status === 1 ? 'ok' : '') },
      { key: 'epoch', label: 'Epoch' },
      { key: 'online', label: 'State', render: m => badge(m.online ? 'online' : 'offline', m.online ? 'ok' : 'bad') },
      { key: 'age', label: 'Heartbeat age', render: m => ago(m.heartbeatAgeMs) },
      { key: 'lastHeartbeat', label: 'Last heartbeat', render: m => timeEl(m.lastHeartbeat) },
      { key: 'startedAt', label: 'Started', render: m => timeEl(m.startedAt) },
    ], { id: 'masters-table', rows: masters, empty: 'No master has started.' }));
  };
  const load = async () => (await api.page('/masters', {})).items;
  paint(await load());
  const timer = setInterval(async () => { try { paint(await load()); } catch { /* next time */ } }, 2000);
  return () => clearInterval(timer);
}

// The audit trail (admins only): who changed what, when, filterable by user, resource and time.
import { api } from '../api.js';
import { h, timeEl } from '../dom.js';
import { dataTable, pager, filterBar } from '../table.js';
import { field, input } from '../form.js';
import { navigate } from '../router.js';

export async function render(root, params, query) {
  const q = { ...query, size: query.size || 50 };
  if (query.from) q.from = new Date(query.from).toISOString();
  if (query.to) q.to = new Date(query.to).toISOString();
  const page = await api.page('/audit-events', q);
  root.append(h('h2', {}, 'Audit trail'));
  root.append(filterBar([
    field('User', input('username', { value: query.username || '' })),
    field('Resource', input('entityType', { value: query.entityType || '', placeholder: 'jobs, workers, users…' })),
    field('From', input('from', { type: 'datetime-local', step: 1, value: query.from || '' })),
    field('To', input('to', { type: 'datetime-local', step: 1, value: query.to || '' })),
  ], values => navigate('/audit', { ...values, sort: query.sort }), () => navigate('/audit')));
  root.append(dataTable([
    { key: 'at', label: 'When', sort: 'at', render: e => timeEl(e.at) },
    { key: 'username', label: 'User', sort: 'username' },
    { key: 'action', label: 'Action' },
    { key: 'entityType', label: 'Resource', sort: 'entityType' },
    { key: 'entityId', label: 'ID' },
    { key: 'detail', label: 'Detail', render: e => h('span', { class: 'clip', title: e.detail || '' }, e.detail || '') },
  ], { id: 'audit-table', rows: page.items, sort: query.sort, onSort: sort => navigate('/audit', { ...query, sort }), empty: 'No change recorded in this range.' }));
  root.append(pager(page, n => navigate('/audit', { ...query, page: n })));
}

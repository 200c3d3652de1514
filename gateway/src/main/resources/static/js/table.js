// The table every list uses: sortable headers (as buttons), optional row selection, a pager and an empty state.
import { h, clear } from './dom.js';

/**
 * columns: [{key, label, sort?: 'apiField', render?: row => Node|string}]
 * opts: {rows, sort: 'field,dir', onSort(sort), selection: Set of ids, onSelect(), empty, id}
 */
export function dataTable(columns, opts) {
  const { rows, selection } = opts;
  const [sortKey, sortDir] = (opts.sort || '').split(',');
  const head = h('tr', {}, selection ? h('th', { class: 'check' }, selectAll(rows, selection, opts.onSelect)) : null,
    columns.map(c => {
      if (!c.sort || !opts.onSort) return h('th', { scope: 'col' }, c.label);
      const active = sortKey === c.sort;
      const next = active && sortDir !== 'desc' ? 'desc' : 'asc';
      return h('th', { scope: 'col', 'aria-sort': active ? (sortDir === 'desc' ? 'descending' : 'ascending') : 'none' },
        h('button', { type: 'button', class: 'sort', on: { click: () => opts.onSort(c.sort + ',' + next) } },
          c.label, active ? (sortDir === 'desc' ? ' ▼' : ' ▲') : ''));
    }));
  const body = h('tbody', {}, rows.length === 0
    ? h('tr', {}, h('td', { class: 'empty', colspan: columns.length + (selection ? 1 : 0) }, opts.empty || 'Nothing here yet.'))
    : rows.map(row => h('tr', { 'data-id': row.id },
      selection ? h('td', { class: 'check' }, h('input', {
        type: 'checkbox', 'aria-label': 'Select ' + (row.name || row.id), checked: selection.has(row.id),
        on: { change: e => { e.target.checked ? selection.add(row.id) : selection.delete(row.id); opts.onSelect && opts.onSelect(); } },
      })) : null,
      columns.map(c => h('td', { 'data-col': c.key }, cellValue(c, row))))));
  return h('div', { class: 'table-wrap' }, h('table', { id: opts.id || null }, h('thead', {}, head), body));
}

function cellValue(column, row) {
  if (column.render) return column.render(row) ?? '';
  const v = row[column.key];
  return v === null || v === undefined ? '' : String(v);
}

function selectAll(rows, selection, onSelect) {
  const all = rows.length > 0 && rows.every(r => selection.has(r.id));
  return h('input', { type: 'checkbox', 'aria-label': 'Select all on this page', checked: all, on: { change: e => {
    rows.forEach(r => (e.target.checked ? selection.add(r.id) : selection.delete(r.id)));
    onSelect && onSelect();
  } } });
}

/** "1–50 of 230" with previous/next buttons; onPage(n) is called with the page index. */
export function pager(page, onPage) {
  const first = page.total === 0 ? 0 : page.page * page.size + 1;
  const last = Math.min(page.total, (page.page + 1) * page.size);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', class: 'secondary', disabled: page.page === 0, on: { click: () => onPage(page.page - 1) } }, '‹ Previous'),
    h('span', { class: 'pager-info' }, `${first}–${last} of ${page.total}`),
    h('button', { type: 'button', class: 'secondary', disabled: last >= page.total, on: { click: () => onPage(page.page + 1) } }, 'Next ›'));
}

/** A filter bar: its fields, Apply (also on Enter) and Reset; onApply gets the values as an object. */
export function filterBar(fields, onApply, onReset) {
  const form = h('form', { class: 'filters', role: 'search' }, fields,
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'button', class: 'secondary', on: { click: onReset } }, 'Reset')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    onApply(Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v !== '')));
  });
  for (const el of form.querySelectorAll('select')) el.addEventListener('change', () => form.requestSubmit());
  return form;
}

export { clear };

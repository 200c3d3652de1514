// Alert rules: what raises an alert (a kind, one job or group or all of them, a threshold) and where it goes.
import { api, canWrite, ApiError } from '../api.js';
import { h, badge } from '../dom.js';
import { dataTable, pager } from '../table.js';
import { field, input, select, showProblem, clearErrors, formError, confirmDialog, notify, act } from '../form.js';
import { navigate } from '../router.js';
import { alertTabs, KINDS, kindLabel } from './alerts.js';

const UNIT = { consecutive_failures: 'failures in a row', late_trigger: 'seconds late', long_run: 'seconds running' };
const inSeconds = kind => kind === 'late_trigger' || kind === 'long_run';

function threshold(rule) {
  if (rule.threshold === null || rule.threshold === undefined) return '';
  return (inSeconds(rule.kind) ? rule.threshold / 1000 : rule.threshold) + ' ' + UNIT[rule.kind];
}

export async function list(root, params, query) {
  const page = await api.page('/alert-rules', { ...query, size: 50 });
  root.append(h('div', { class: 'title-row' }, h('h2', {}, 'Alert rules'),
    canWrite() ? h('a', { class: 'button', href: '#/alerts/rules/new', id: 'new-rule' }, 'New rule') : null), alertTabs('rules'));
  root.append(dataTable([
    { key: 'name', label: 'Name', render: r => h('a', { href: '#/alerts/rules/' + r.id }, r.name) },
    { key: 'kind', label: 'When', render: r => kindLabel(r.kind) },
    { key: 'scope', label: 'For', render: r => (r.kind === 'group_unhealthy' ? (r.groupName || 'every worker group') : (r.jobName || 'every job')) },
    { key: 'threshold', label: 'Threshold', render: threshold },
    { key: 'channels', label: 'Sends to', render: r => r.channels.map(c => badge(c.name)) },
    { key: 'enabled', label: 'State', render: r => (r.enabled ? badge('enabled', 'ok') : badge('disabled', 'muted')) },
    { key: 'actions', label: '', render: r => (canWrite() ? h('button', { type: 'button', class: 'danger small', on: { click: e => act(e.target, async () => {
      if (!await confirmDialog('Delete rule ' + r.name + '? Its open incidents end without an all-clear.', 'Delete')) return;
      await api.del('/alert-rules/' + r.id);
      notify('Deleted ' + r.name);
      navigate('/alerts/rules', { t: Date.now() });
    }) } }, 'Delete') : '') },
  ], { id: 'rules-table', rows: page.items, empty: 'No rule yet.' }));
  root.append(pager(page, n => navigate('/alerts/rules', { ...query, page: n })));
}

export async function edit(root, { id }) {
  const rule = id && id !== 'new' ? await api.get('/alert-rules/' + id) : null;
  const [jobs, groups, channels] = await Promise.all([api.page('/jobs', { size: 500 }), api.page('/worker-groups', { size: 500 }), api.page('/alert-channels', { size: 500 })]);
  const ro = !canWrite();
  root.append(h('h2', {}, rule ? 'Rule ' + rule.name : 'New alert rule'), alertTabs('rules'));
  const kind = select('kind', KINDS, rule ? rule.kind : 'run_failed', { disabled: ro });
  const jobField = field('Job', select('jobId', [['', 'every job'], ...jobs.items.map(j => [j.id, j.name])], rule ? rule.jobId : '', { disabled: ro }));
  const groupField = field('Worker group', select('groupId', [['', 'every worker group'], ...groups.items.map(g => [g.id, g.name])], rule ? rule.groupId : '', { disabled: ro }));
  const thresholdInput = input('threshold', { type: 'number', min: 1, step: 'any', disabled: ro,
    value: rule && rule.threshold ? (inSeconds(rule.kind) ? rule.threshold / 1000 : rule.threshold) : '' });
  const thresholdField = field('Threshold', thresholdInput);
  const chosen = new Set(rule ? rule.channels.map(c => c.id) : []);
  const channelBoxes = h('div', { class: 'field wide', 'data-field': 'channelIds' }, h('span', { class: 'label' }, 'Send to'),
    channels.items.length ? channels.items.map(c => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'channel', value: c.id, checked: chosen.has(c.id), disabled: ro }), c.name + ' (' + c.type + ')'))
      : h('p', { class: 'hint' }, 'No channel yet: ', h('a', { href: '#/alerts/channels/new' }, 'create one'), ' first.'),
    h('span', { class: 'field-error', 'data-error-for': 'channelIds' }));
  const show = () => {
    const k = kind.value;
    jobField.hidden = k === 'group_unhealthy';
    groupField.hidden = k !== 'group_unhealthy';
    thresholdField.hidden = !UNIT[k];
    thresholdField.querySelector('label').textContent = 'Threshold (' + (UNIT[k] || '') + ')';
  };
  kind.addEventListener('change', show);
  const form = h('form', { class: 'card form-grid', id: 'rule-form', novalidate: true }, formError(),
    field('Name', input('name', { value: rule ? rule.name : '', required: true, disabled: ro })),
    field('When', kind), jobField, groupField, thresholdField,
    field('Enabled', input('enabled', { type: 'checkbox', checked: rule ? rule.enabled : true, disabled: ro })),
    channelBoxes,
    h('p', { class: 'hint wide' }, 'One alert when an incident opens and one when it clears; repeats in between are counted, not sent.'),
    h('div', { class: 'actions wide' }, ro ? null : h('button', { type: 'submit', id: 'save-rule' }, rule ? 'Save' : 'Create'),
      h('a', { class: 'button secondary', href: '#/alerts/rules' }, 'Back')));
  show();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    const k = kind.value;
    const t = form.elements.threshold.value.trim();
    const body = {
      name: form.elements.name.value.trim(), kind: k, enabled: form.elements.enabled.checked,
      jobId: k !== 'group_unhealthy' && form.elements.jobId.value ? Number(form.elements.jobId.value) : null,
      groupId: k === 'group_unhealthy' && form.elements.groupId.value ? Number(form.elements.groupId.value) : null,
      threshold: UNIT[k] && t ? Math.round(Number(t) * (inSeconds(k) ? 1000 : 1)) : null,
      channelIds: [...form.querySelectorAll('input[name=channel]:checked')].map(b => Number(b.value)),
    };
    if (rule) body.version = rule.version;
    try {
      const saved = rule ? await api.put('/alert-rules/' + rule.id, body) : await api.post('/alert-rules', body);
      notify('Saved ' + saved.name);
      navigate('/alerts/rules');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showProblem(form, err);
    }
  });
  root.append(form);
}

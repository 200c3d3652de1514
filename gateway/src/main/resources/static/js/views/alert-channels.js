// Alert channels: webhooks (signed with a secret shown once) and email addresses; a test alert from the list.
import { api, canWrite, ApiError } from '../api.js';
import { h, clear, badge } from '../dom.js';
import { dataTable, pager } from '../table.js';
import { field, input, select, showProblem, clearErrors, formError, confirmDialog, notify, act } from '../form.js';
import { navigate } from '../router.js';
import { alertTabs } from './alerts.js';

export async function list(root, params, query) {
  const page = await api.page('/alert-channels', { ...query, size: 50 });
  root.append(h('div', { class: 'title-row' }, h('h2', {}, 'Alert channels'),
    canWrite() ? h('a', { class: 'button', href: '#/alerts/channels/new', id: 'new-channel' }, 'New channel') : null), alertTabs('channels'));
  root.append(dataTable([
    { key: 'name', label: 'Name', render: c => h('a', { href: '#/alerts/channels/' + c.id }, c.name) },
    { key: 'type', label: 'Type', render: c => badge(c.type) },
    { key: 'target', label: 'Sends to', render: c => h('span', { class: 'clip' }, c.type === 'webhook' ? c.url : (c.recipients || []).join(', ')) },
    { key: 'enabled', label: 'State', render: c => (c.enabled ? badge('enabled', 'ok') : badge('disabled', 'muted')) },
    { key: 'maxPerHour', label: 'At most per hour' },
    { key: 'actions', label: '', render: c => (canWrite() ? h('span', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary small', 'data-test-channel': c.id, on: { click: e => sendTest(e.target, c) } }, 'Send test alert'),
      h('button', { type: 'button', class: 'danger small', on: { click: e => remove(e.target, c) } }, 'Delete')) : '') },
  ], { id: 'channels-table', rows: page.items, empty: 'No channel yet. Create one, then a rule that uses it.' }));
  root.append(pager(page, n => navigate('/alerts/channels', { ...query, page: n })));
}

async function sendTest(button, channel) {
  await act(button, async () => {
    const r = await api.post('/alert-channels/' + channel.id + '/test');
    notify((r.delivered ? 'Test alert delivered to ' : 'Test alert NOT delivered to ') + channel.name + ': ' + r.detail, r.delivered ? 'info' : 'error');
  });
}

async function remove(button, channel) {
  await act(button, async () => {
    if (!await confirmDialog('Delete channel ' + channel.name + '? Rules stop sending to it; its sent alerts leave the history.', 'Delete')) return;
    await api.del('/alert-channels/' + channel.id);
    notify('Deleted ' + channel.name);
    navigate('/alerts/channels', { t: Date.now() });
  });
}

export async function edit(root, { id }) {
  const channel = id && id !== 'new' ? await api.get('/alert-channels/' + id) : null;
  const ro = !canWrite();
  root.append(h('h2', {}, channel ? 'Channel ' + channel.name : 'New alert channel'), alertTabs('channels'));
  const secretBox = h('div', { class: 'secret', id: 'channel-secret', role: 'status', hidden: true });
  const type = select('type', [['webhook', 'Webhook (signed JSON POST)'], ['email', 'Email']], channel ? channel.type : 'webhook', { disabled: ro });
  const webhookOnly = [
    field('URL', input('url', { value: channel ? channel.url || '' : '', placeholder: 'https://hooks.example.com/cronhive', disabled: ro }), { wide: true }),
    field('Secret', input('secret', { type: 'password', autocomplete: 'new-password', disabled: ro }),
      { hint: channel ? (channel.secretSet ? 'Set; leave empty to keep it.' : 'None yet; leave empty to generate one.') : 'Leave empty to generate one (shown once).' }),
  ];
  const emailOnly = [field('Recipients', input('recipients', { value: channel ? (channel.recipients || []).join(', ') : '', placeholder: 'ops@example.com, oncall@example.com', disabled: ro }), { wide: true, hint: 'Comma-separated.' })];
  const show = () => {
    webhookOnly.forEach(f => { f.hidden = type.value !== 'webhook'; });
    emailOnly.forEach(f => { f.hidden = type.value !== 'email'; });
  };
  type.addEventListener('change', show);
  const form = h('form', { class: 'card form-grid', id: 'channel-form', novalidate: true }, formError(),
    field('Name', input('name', { value: channel ? channel.name : '', required: true, disabled: ro })),
    field('Type', type),
    field('At most per hour', input('maxPerHour', { type: 'number', min: 1, max: 3600, value: channel ? channel.maxPerHour : 30, disabled: ro }),
      { hint: 'Alerts beyond this are recorded as suppressed.' }),
    field('Enabled', input('enabled', { type: 'checkbox', checked: channel ? channel.enabled : true, disabled: ro })),
    ...webhookOnly, ...emailOnly,
    h('div', { class: 'actions wide' }, ro ? null : h('button', { type: 'submit', id: 'save-channel' }, channel ? 'Save' : 'Create'),
      h('a', { class: 'button secondary', href: '#/alerts/channels' }, 'Back')));
  show();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    const v = n => form.elements[n].value.trim();
    const body = { name: v('name'), type: type.value, maxPerHour: v('maxPerHour') ? Number(v('maxPerHour')) : null, enabled: form.elements.enabled.checked };
    if (type.value === 'webhook') { body.url = v('url'); if (v('secret')) body.secret = v('secret'); } else {
      body.recipients = v('recipients').split(',').map(s => s.trim()).filter(Boolean);
    }
    if (channel) body.version = channel.version;
    try {
      const saved = channel ? await api.put('/alert-channels/' + channel.id, body) : await api.post('/alert-channels', body);
      notify('Saved ' + saved.name);
      if (!saved.secret) { navigate('/alerts/channels'); return; }
      clear(secretBox, h('strong', {}, 'Channel “' + saved.name + '” signs with this secret. Copy it now: it is shown only this once.'),
        h('div', { class: 'secret-row' }, h('code', { id: 'channel-secret-value' }, saved.secret)),
        h('p', { class: 'hint' }, 'Receivers check X-Cronhive-Signature: v1=hex(HMAC-SHA256(secret, X-Cronhive-Timestamp + "." + body)).'),
        h('a', { href: '#/alerts/channels', class: 'button secondary' }, 'Done, I have copied it'));
      secretBox.hidden = false;
      form.hidden = true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showProblem(form, err);
    }
  });
  root.append(secretBox, form);
}

// The job form, for a new job and for editing one: every field of the model, an editor per job type, a cron
// preview in the job's zone and the browser's, problem+json errors at their fields, and edit conflicts explained.
import { api, ApiError, canWrite } from '../api.js';
import { h, clear, fmtTime, browserZone } from '../dom.js';
import { field, input, select, showProblem, clearErrors, formError, notify } from '../form.js';
import { codeEditor } from '../code-editor.js';
import { navigate } from '../router.js';
import { TYPES } from './jobs.js';
import { dependencyFields, dependencyBody } from './dependencies.js';

const ROUTINGS = ['round_robin', 'random', 'least_busy', 'consistent_hash', 'failover', 'broadcast'];
const MISFIRES = [['fire_once', 'fire once now'], ['skip', 'skip to the next slot']];
const CONCURRENCY = [['allow', 'allow overlap'], ['skip', 'skip if still running'], ['replace', 'replace (kill the running one)']];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
const PLACEHOLDER = {
  shell: 'echo "hello from $(hostname)"', python: 'print("hello")',
  golang: 'package main\n\nimport "fmt"\n\nfunc main() {\n    fmt.Println("hello")\n}',
};

export async function render(root, { id }) {
  if (!canWrite()) {
    root.append(h('h2', {}, 'Read only'), h('p', {}, 'Your role can view jobs but not create or change them. ', h('a', { href: id ? '#/jobs/' + id : '#/jobs' }, 'Back to the job')));
    return;
  }
  const job = id ? await api.get('/jobs/' + id) : null;
  const groups = (await api.page('/worker-groups', { size: 200 })).items;
  let version = job ? job.version : null;
  root.append(h('h2', {}, job ? 'Edit ' + job.name : 'New job'));

  const type = select('type', TYPES, job ? job.type : 'shell');
  const targetBox = h('div', { class: 'wide' });
  const http = parseHttp(job && job.type === 'http' ? job.target : null);
  const editors = {
    command: field('Command line', input('command', { value: job && job.type === 'command' ? job.target : '', class: 'mono', placeholder: '/usr/bin/env printf "%s\\n" hello' }),
      { name: 'target', wide: true, hint: 'Split into arguments like a shell does (quotes and backslashes), but never run through a shell.' }),
    code: null,
    http: h('fieldset', { class: 'wide http' }, h('legend', {}, 'HTTP request'),
      field('Method', select('httpMethod', METHODS, http.method)),
      field('URL', input('httpUrl', { value: http.url, type: 'url', placeholder: 'https://example.com/hook', class: 'mono' }), { name: 'target' }),
      field('Expected status', input('httpExpect', { type: 'number', min: 100, max: 599, value: http.expectStatus ?? '', placeholder: 'any 2xx' })),
      field('Request timeout (ms)', input('httpTimeout', { type: 'number', min: 1, value: http.timeoutMs ?? '' })),
      field('Headers', h('textarea', { name: 'httpHeaders', rows: 3, class: 'mono', placeholder: 'Content-Type: application/json' }, http.headers), { wide: true, hint: 'One "Name: value" a line.' }),
      field('Body', codeEditor('httpBody', http.body, { rows: 6, label: 'Body' }), { name: 'httpBody', wide: true })),
  };
  const argv = h('p', { class: 'hint argv', 'aria-live': 'polite' });
  const showType = () => {
    const t = type.value;
    if (t === 'command') {
      clear(targetBox, editors.command, argv);
      editors.command.querySelector('input').addEventListener('input', updateArgv);
      updateArgv();
    } else if (t === 'http') {
      clear(targetBox, editors.http);
    } else {
      const current = editors.code ? editors.code.querySelector('textarea').value : (job && job.type === t ? job.target : '');
      editors.code = field(t === 'shell' ? 'Script' : 'Source code (' + t + ')', codeEditor('code', current || (job ? '' : PLACEHOLDER[t]), { label: 'Code' }),
        { name: 'target', wide: true, hint: t === 'shell' ? 'Run by bash on the worker.' : t === 'python' ? 'Run by python3 on the worker.' : 'Built and run with the Go toolchain on the worker.' });
      clear(targetBox, editors.code);
    }
  };
  function updateArgv() {
    const words = splitCommand(editors.command.querySelector('input').value);
    clear(argv, words.length ? ['argv: ', ...words.map(w => h('code', { class: 'arg' }, w))] : '');
  }
  type.addEventListener('change', showType);

  const cron = input('cron', { value: job ? job.cron : '', required: true, class: 'mono', placeholder: '0 */5 * * * ?  or  */5 * * * *', autocomplete: 'off' });
  const zones = h('datalist', { id: 'zones' }, (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : ['UTC']).map(z => h('option', { value: z })));
  const zone = input('timeZone', { value: job ? job.timeZone : browserZone, list: 'zones', autocomplete: 'off' });
  const preview = h('div', { class: 'cron-preview wide', id: 'cron-preview', 'aria-live': 'polite' });
  const params = Object.entries((job && job.parameters) || {}).map(([k, v]) => k + '=' + v).join('\n');
  const conflict = h('div', { class: 'conflict wide', role: 'alert', hidden: true });
  const dependencies = await dependencyFields(job ? job.id : null);

  const form = h('form', { class: 'card form-grid', id: 'job-form', novalidate: true },
    formError(), conflict,
    field('Name', input('name', { value: job ? job.name : '', required: true, maxlength: 128 })),
    field('Type', type),
    targetBox,
    field('Cron', cron, { hint: 'Quartz with seconds (6–7 fields) or Unix crontab (5 fields).' }),
    field('Time zone', zone), zones,
    preview,
    field('Worker group', select('groupId', [['', 'none'], ...groups.map(g => [g.id, g.name])], job ? job.groupId : '')),
    field('Tag', input('tag', { value: job ? job.tag || '' : '', placeholder: 'any worker' }), { hint: 'Only workers with this tag run it.' }),
    field('Routing', select('routing', ROUTINGS, job ? job.routing : 'round_robin')),
    field('Misfire policy', select('misfire', MISFIRES, job ? job.misfire : 'fire_once')),
    field('Concurrency', select('concurrency', CONCURRENCY, job ? job.concurrency : 'allow')),
    field('Retries', input('retries', { type: 'number', min: 0, max: 100, value: job ? job.retries : '', placeholder: 'server default' })),
    field('Retry backoff (ms)', input('retryBackoffMs', { type: 'number', min: 0, value: job ? job.retryBackoffMs : '', placeholder: 'server default' })),
    field('Idempotent', input('idempotent', { type: 'checkbox', checked: !!(job && job.idempotent) }),
      { hint: 'Its target is safe to call twice: a run whose outcome is unknown (its worker died mid-run) is then retried like a failed one.' }),
    field('Timeout (ms)', input('timeoutMs', { type: 'number', min: 0, value: job ? job.timeoutMs : '', placeholder: 'none' }), { hint: '0 or empty: no timeout.' }),
    field('Parameters', h('textarea', { name: 'parameters', rows: 3, class: 'mono', placeholder: 'KEY=value' }, params), { hint: 'Environment of the run, one KEY=value a line.' }),
    field('Remark', h('textarea', { name: 'remark', rows: 3, maxlength: 512 }, job ? job.remark || '' : '')),
    dependencies,
    h('div', { class: 'actions wide' },
      h('button', { type: 'submit', id: 'save-job' }, job ? 'Save' : 'Create'),
      h('a', { class: 'button secondary', href: job ? '#/jobs/' + job.id : '#/jobs' }, 'Cancel')));
  root.append(form);
  showType();

  let timer;
  const refreshPreview = () => { clearTimeout(timer); timer = setTimeout(() => cronPreview(cron.value, zone.value, preview, form), 250); };
  cron.addEventListener('input', refreshPreview);
  zone.addEventListener('input', refreshPreview);
  zone.addEventListener('change', refreshPreview);
  if (cron.value) refreshPreview();

  async function save(overwriteVersion) {
    clearErrors(form);
    conflict.hidden = true;
    let body;
    try { body = { ...requestBody(form, type.value), ...dependencyBody(form) }; } catch (e) { showProblem(form, e); return; }
    if (job) body.version = overwriteVersion ?? version;
    try {
      const saved = job ? await api.put('/jobs/' + job.id, body) : await api.post('/jobs', body);
      notify((job ? 'Saved ' : 'Created ') + saved.name);
      navigate('/jobs/' + saved.id);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if ((e.status === 409 || e.status === 412) && e.problem.currentVersion !== undefined) {
        showConflict(e.problem.currentVersion);
      } else {
        showProblem(form, e);
      }
    }
  }

  function showConflict(current) {
    clear(conflict,
      h('strong', {}, 'Someone else changed this job while you were editing it.'),
      h('p', {}, `You started from version ${version}; it is at version ${current} now. Your edits are still in the form. ` +
        'Open their version in a new tab to compare, then either save yours over it or load theirs (your edits are lost).'),
      h('a', { href: '#/jobs/' + job.id, target: '_blank', rel: 'noopener' }, 'See the current version'), ' ',
      h('button', { type: 'button', id: 'overwrite', on: { click: () => { version = current; save(current); } } }, 'Save mine over it'), ' ',
      h('button', { type: 'button', class: 'secondary', on: { click: () => navigate('/jobs/' + job.id + '/edit', { reload: Date.now() }) } }, 'Load theirs'));
    conflict.hidden = false;
    conflict.scrollIntoView({ block: 'center' });
  }

  form.addEventListener('submit', e => { e.preventDefault(); save(); });
}

async function cronPreview(expr, zone, out, form) {
  if (!expr.trim()) { clear(out); return; }
  const fields = expr.trim().split(/\s+/).length;
  const dialect = fields === 5 ? 'Unix crontab (5 fields, minute resolution)' : (fields === 6 || fields === 7) ? 'Quartz (' + fields + ' fields, with seconds)' : fields + ' fields';
  try {
    const p = await api.get('/cron/preview', { cron: expr.trim(), timeZone: zone || 'UTC', count: 5 });
    for (const name of ['cron', 'timeZone']) {
      const ok = form.querySelector(`[data-error-for="${name}"]`);
      ok.textContent = '';
      ok.closest('.field').classList.remove('invalid');
    }
    clear(out, h('p', {}, h('strong', {}, 'Parsed as ' + dialect + ': '), p.description),
      h('table', { class: 'compact' }, h('thead', {}, h('tr', {}, h('th', {}, 'Next fire times in ' + p.timeZone), h('th', {}, 'in your zone (' + browserZone + ')'))),
        h('tbody', {}, p.nextFireTimes.map(t => h('tr', {}, h('td', {}, fmtTime(t, p.timeZone)), h('td', {}, fmtTime(t)))))));
  } catch (e) {
    clear(out);
    const message = (e.fields && (e.fields.cron || e.fields.timeZone)) || e.message;
    const target = e.fields && e.fields.timeZone && !e.fields.cron ? 'timeZone' : 'cron';
    const s = form.querySelector(`[data-error-for="${target}"]`);
    s.textContent = message;
    s.closest('.field').classList.add('invalid');
  }
}

function requestBody(form, type) {
  const v = name => (form.elements[name] ? form.elements[name].value : '');
  const num = name => (v(name) === '' ? null : Number(v(name)));
  let target;
  if (type === 'command') target = v('command');
  else if (type === 'http') {
    const headers = {};
    for (const line of v('httpHeaders').split('\n').map(l => l.trim()).filter(Boolean)) {
      const i = line.indexOf(':');
      if (i < 1) throw new ApiError(400, { detail: 'bad header', errors: [{ field: 'httpHeaders', message: `"${line}" is not "Name: value"` }] });
      headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    target = { method: v('httpMethod'), url: v('httpUrl') };
    if (Object.keys(headers).length) target.headers = headers;
    if (v('httpBody')) target.body = v('httpBody');
    if (num('httpExpect') !== null) target.expectStatus = num('httpExpect');
    if (num('httpTimeout') !== null) target.timeoutMs = num('httpTimeout');
  } else target = v('code');
  const parameters = {};
  for (const line of v('parameters').split('\n').map(l => l.trim()).filter(Boolean)) {
    const i = line.indexOf('=');
    if (i < 1) throw new ApiError(400, { detail: 'bad parameter', errors: [{ field: 'parameters', message: `"${line}" is not KEY=value` }] });
    parameters[line.slice(0, i)] = line.slice(i + 1);
  }
  return {
    name: v('name'), type, target, cron: v('cron').trim(), timeZone: v('timeZone') || null,
    groupId: v('groupId') ? Number(v('groupId')) : null, tag: v('tag') || null,
    routing: v('routing'), misfire: v('misfire'), concurrency: v('concurrency'),
    retries: num('retries'), retryBackoffMs: num('retryBackoffMs'), timeoutMs: num('timeoutMs'),
    idempotent: !!(form.elements.idempotent && form.elements.idempotent.checked), parameters, remark: v('remark') || null,
  };
}

function parseHttp(target) {
  const empty = { method: 'GET', url: '', headers: '', body: '', expectStatus: null, timeoutMs: null };
  if (!target) return empty;
  try {
    const t = typeof target === 'string' ? JSON.parse(target) : target;
    return { ...empty, ...t, method: (t.method || 'GET').toUpperCase(),
      headers: Object.entries(t.headers || {}).map(([k, val]) => k + ': ' + val).join('\n') };
  } catch {
    return { ...empty, url: target };
  }
}

/** The worker's argv split (POSIX shell words, no expansion), to show what will run. */
export function splitCommand(line) {
  const args = [];
  let cur = '';
  let word = false;
  let q = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q === "'") { if (c === "'") q = null; else cur += c; continue; }
    if (q === '"') {
      if (c === '"') q = null;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) cur += line[++i];
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') { q = c; word = true; } else if (c === '\\' && i + 1 < line.length) { cur += line[++i]; word = true; } else if (/\s/.test(c)) { if (word) { args.push(cur); cur = ''; word = false; } } else { cur += c; word = true; }
  }
  if (word) args.push(cur);
  return args;
}

// cronhive web console: a thin client of the public /v1 API. Every value from the server is rendered as
// text (never as HTML), because job names, output and messages are user-controlled.
'use strict';

const state = { token: sessionStorage.getItem('cronhive.token') };

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && path !== '/v1/auth/login') { signOut(); }
  if (!response.ok) { throw new Error(problemText(data) || ('HTTP ' + response.status)); }
  return data;
}

function problemText(problem) {
  if (!problem) return '';
  const fields = (problem.errors || []).map(e => e.field + ': ' + e.message).join('; ');
  return [problem.title, problem.detail, fields].filter(Boolean).join(' — ');
}

function cell(value) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '' : String(value);
  return td;
}

function button(label, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', async () => {
    try { await action(); } catch (e) { alert(e.message); }
  });
  return b;
}

function fillTable(id, rows, toCells) {
  const tbody = document.querySelector('#' + id + ' tbody');
  tbody.replaceChildren(...rows.map(row => {
    const tr = document.createElement('tr');
    tr.dataset.id = row.id;
    toCells(row).forEach(c => tr.appendChild(c instanceof Node ? c : cell(c)));
    return tr;
  }));
}

const time = ms => (ms ? new Date(ms).toISOString().replace('T', ' ').replace('Z', '') : '');
const items = page => (page && page.items) || page || [];

const views = {
  async jobs() {
    const page = await api('GET', '/v1/jobs?size=100&sort=id,desc');
    fillTable('jobs-table', items(page), job => {
      const actions = document.createElement('td');
      actions.append(
        button(job.scheduled ? 'Stop' : 'Start', async () => {
          await api(job.scheduled ? 'DELETE' : 'POST', '/v1/schedulers', { jobIds: [job.id] });
          views.jobs();
        }),
        button('Run now', async () => { await api('POST', '/v1/jobs/' + job.id + '/runs', {}); show('runs'); }),
        button('Delete', async () => {
          if (confirm('Delete job ' + job.name + '?')) { await api('DELETE', '/v1/jobs/' + job.id); views.jobs(); }
        }));
      const last = job.resultName ? job.resultName + ' (' + (job.times ?? '') + ' ms)' : (job.statusName || '');
      return [job.id, job.name, job.type, job.cron + ' ' + (job.timeZone || ''), job.tag, job.scheduled ? 'yes' : 'no', last, actions];
    });
  },
  async runs() {
    const page = await api('GET', '/v1/scheduler-logs?size=100');
    fillTable('runs-table', items(page), run => {
      const id = document.createElement('td');
      id.appendChild(button(String(run.id), async () => {
        const detail = await api('GET', '/v1/scheduler-logs/' + run.id);
        const out = document.getElementById('run-output');
        out.hidden = false;
        out.textContent = detail.output || '(no output)';
      }));
      const result = cell(run.resultName || run.result);
      result.className = run.result === 1 ? 'ok' : (run.result === 2 ? 'failed' : '');
      return [id, run.jobName, run.triggerKind, time(run.scheduledAt), [run.workerName, run.workerIp].filter(Boolean).join(' @ '),
        run.statusName || run.status, result, run.times, run.message];
    });
  },
  async workers() {
    fillTable('workers-table', items(await api('GET', '/v1/workers?size=200')),
      w => [w.id, w.name, w.host, w.srvName, w.tag, w.online ? 'online' : 'offline']);
  },
  async groups() {
    fillTable('groups-table', items(await api('GET', '/v1/worker-groups?size=200')),
      g => [g.id, g.name, (g.workers || []).map(w => w.name).join(', '), g.statusName || g.status]);
  },
  async masters() {
    fillTable('masters-table', items(await api('GET', '/v1/masters')),
      m => [m.id, m.ip, m.port, m.status === 1 ? 'leader' : 'follower', m.epoch, m.lastHeartbeat]);
  },
};

function show(view) {
  document.querySelectorAll('.view').forEach(v => { v.hidden = v.id !== view + '-view'; });
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.view === view));
  views[view]().catch(e => console.error(e));
}

function signIn(token) {
  state.token = token;
  sessionStorage.setItem('cronhive.token', token);
  document.getElementById('login-view').hidden = true;
  document.getElementById('nav').hidden = false;
  show((location.hash || '#jobs').slice(1) in views ? (location.hash || '#jobs').slice(1) : 'jobs');
}

function signOut() {
  state.token = null;
  sessionStorage.removeItem('cronhive.token');
  document.querySelectorAll('.view').forEach(v => { v.hidden = true; });
  document.getElementById('nav').hidden = true;
  document.getElementById('login-view').hidden = false;
}

document.getElementById('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const answer = await api('POST', '/v1/auth/login', { username: form.get('username'), password: form.get('password') });
    document.getElementById('login-error').textContent = '';
    signIn(answer.token);
  } catch (e) {
    document.getElementById('login-error').textContent = e.message;
  }
});

document.getElementById('job-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const job = Object.fromEntries([...form.entries()].filter(([, v]) => v !== ''));
  try {
    await api('POST', '/v1/jobs', job);
    document.getElementById('job-error').textContent = '';
    event.target.reset();
    views.jobs();
  } catch (e) {
    document.getElementById('job-error').textContent = e.message;
  }
});

let previewTimer;
document.querySelector('#job-form [name=cron]').addEventListener('input', () => {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(async () => {
    const form = document.getElementById('job-form');
    const cron = form.cron.value.trim();
    const out = document.getElementById('cron-preview');
    if (!cron) { out.textContent = ''; return; }
    try {
      const p = await api('GET', '/v1/cron/preview?count=3&cron=' + encodeURIComponent(cron) + '&timeZone=' + encodeURIComponent(form.timeZone.value || 'UTC'));
      out.textContent = p.description + ' — next: ' + p.nextFireTimes.join(', ');
    } catch (e) {
      out.textContent = e.message;
    }
  }, 300);
});

document.querySelectorAll('nav a').forEach(a => a.addEventListener('click', () => show(a.dataset.view)));
document.getElementById('logout').addEventListener('click', signOut);
if (state.token) { signIn(state.token); }

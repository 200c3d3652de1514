// Start-up: the session (token and the caller's role), the navigation, and which view a route renders.
import { api, session, setToken, onUnauthorized, isAdmin } from './api.js';
import { route, match, start, navigate } from './router.js';
import { h, clear } from './dom.js';
import { notify } from './form.js';
import * as dashboard from './views/dashboard.js';
import * as jobs from './views/jobs.js';
import * as jobForm from './views/job-form.js';
import * as runs from './views/runs.js';
import * as workers from './views/workers.js';
import * as groups from './views/groups.js';
import * as masters from './views/masters.js';
import * as users from './views/users.js';
import * as tokens from './views/tokens.js';
import * as audit from './views/audit.js';
import * as alerts from './views/alerts.js';
import * as alertChannels from './views/alert-channels.js';
import * as alertRules from './views/alert-rules.js';

route('/dashboard', dashboard.render);
route('/jobs', jobs.list);
route('/jobs/new', jobForm.render);
route('/jobs/:id', jobs.detail);
route('/jobs/:id/edit', jobForm.render);
route('/runs', runs.list);
route('/runs/:id', runs.detail);
route('/workers', workers.list);
route('/workers/new', workers.edit);
route('/workers/:id', workers.edit);
route('/groups', groups.list);
route('/groups/new', groups.edit);
route('/groups/:id', groups.edit);
route('/masters', masters.render);
route('/users', users.render);
route('/tokens', tokens.render);
route('/audit', audit.render);
route('/alerts', alerts.history);
route('/alerts/channels', alertChannels.list);
route('/alerts/channels/:id', alertChannels.edit);
route('/alerts/rules', alertRules.list);
route('/alerts/rules/:id', alertRules.edit);
route('/alerts/:id', alerts.detail);

const main = document.getElementById('main');
let cleanup = null;
let generation = 0;

async function show() {
  if (!session.token) { showLogin(); return; }
  if (!session.user) {
    try { session.user = await api.get('/users/me'); } catch { return; }
    renderWho();
  }
  const found = match(location.hash);
  if (cleanup) { try { cleanup(); } catch { /* a view's timers only */ } cleanup = null; }
  const mine = ++generation;
  const view = found ? found.path.split('/')[1] : '';
  document.querySelectorAll('#nav a').forEach(a => {
    const active = a.dataset.view === view;
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const container = h('div', { class: 'view', 'data-view': view });
  clear(main, container);
  if (!found) { container.append(h('h2', {}, 'Not found'), h('p', {}, 'There is no page at ' + location.hash + '.')); return; }
  try {
    // A view may return a function that stops its timers when the page changes.
    const stop = await found.route.render(container, found.params, found.query);
    if (mine === generation) cleanup = typeof stop === 'function' ? stop : null; else if (typeof stop === 'function') stop();
  } catch (e) {
    if (e.status === 401) return;
    container.append(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

function renderWho() {
  document.getElementById('who-name').textContent = session.user.username;
  document.getElementById('who-role').textContent = session.user.role;
  document.querySelectorAll('#nav [data-admin]').forEach(a => { a.hidden = !isAdmin(); });
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.body.dataset.role = session.user.role;
}

function showLogin(reason) {
  if (cleanup) { try { cleanup(); } catch { /* ignore */ } cleanup = null; }
  session.user = null;
  main.hidden = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('login-view').hidden = false;
  const why = document.getElementById('login-reason');
  why.hidden = !reason;
  why.textContent = reason || '';
  document.getElementById('login-username').focus();
}

onUnauthorized(() => showLogin('Your session has ended. Sign in again to go back to the page you were on.'));

document.getElementById('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('login-error');
  try {
    const answer = await api.post('/auth/login', { username: form.username.value, password: form.password.value });
    error.textContent = '';
    form.password.value = '';
    setToken(answer.token);
    document.getElementById('login-view').hidden = true;
    main.hidden = false;
    await show(); // the page in the address bar: a deep link or the one the expired session was on
  } catch (e) {
    error.textContent = e.message;
  }
});

document.getElementById('logout').addEventListener('click', () => {
  setToken(null);
  navigate('/dashboard');
  showLogin();
});

window.addEventListener('unhandledrejection', e => { if (e.reason && e.reason.status !== 401) notify(String(e.reason.message || e.reason), 'error'); });

start(show);
if (session.token) { main.hidden = false; }
show();

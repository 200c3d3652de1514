// The one place that knows the token, the API's base path, its paging and how a problem+json document
// becomes a message at a field.
const TOKEN_KEY = 'cronhive.token';

export const session = { token: sessionStorage.getItem(TOKEN_KEY), user: null };

export const canWrite = () => !!session.user && session.user.role !== 'viewer';
export const isAdmin = () => !!session.user && session.user.role === 'admin';

let unauthorized = () => {};
export function onUnauthorized(handler) { unauthorized = handler; }

/** An answer other than 2xx, with the problem's fields: {field: message}. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(ApiError.text(status, problem));
    this.status = status;
    this.problem = problem || {};
    this.fields = {};
    for (const e of this.problem.errors || []) {
      if (e && e.field) this.fields[e.field] = (this.fields[e.field] ? this.fields[e.field] + '; ' : '') + e.message;
    }
    if (this.problem.field && !this.fields[this.problem.field]) this.fields[this.problem.field] = this.problem.detail;
  }

  get type() { return (this.problem.type || '').split('/').pop(); }

  static text(status, problem) {
    if (!problem) return 'The server answered HTTP ' + status;
    return problem.detail || problem.title || ('HTTP ' + status);
  }
}

export function setToken(token) {
  session.token = token;
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
}

function url(path, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v === null || v === undefined || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  const qs = params.toString();
  return '/v1' + path + (qs ? '?' + qs : '');
}

export async function call(method, path, { body, query, ifMatch } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = '"' + ifMatch + '"';
  let response;
  try {
    response = await fetch(url(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The gateway did not answer: ' + e.message });
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text.slice(0, 200) }; }
  if (response.status === 401 && path !== '/auth/login') {
    setToken(null);
    unauthorized();
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const api = {
  get: (path, query) => call('GET', path, { query }),
  post: (path, body) => call('POST', path, { body: body === undefined ? {} : body }),
  put: (path, body, version) => call('PUT', path, { body, ifMatch: version }),
  del: (path, body) => call('DELETE', path, { body }),
  /** A list page: {items, page, size, total}, whatever the filters, with page/size/sort from the query. */
  page: (path, query) => call('GET', path, { query }).then(p => ({
    items: (p && p.items) || (Array.isArray(p) ? p : []),
    page: (p && p.page) || 0, size: (p && p.size) || 50, total: (p && p.total) ?? ((p && p.items) || p || []).length,
  })),
};

// Routes over the URL hash (#/jobs/42?tab=runs): deep links and the back button both go through here.
const routes = [];
let listener = () => {};

/** route('/jobs/:id', render): render(params, query) is called when the hash matches. */
export function route(pattern, render) {
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/]+)'; }) + '$');
  routes.push({ regex, names, render });
}

export function parse(hash) {
  let raw = (hash || '').replace(/^#/, '');
  if (!raw.startsWith('/')) raw = '/' + raw; // the old console's #runs links still work
  const [path, qs] = raw.split('?');
  return { path: path === '/' ? '/dashboard' : path, query: Object.fromEntries(new URLSearchParams(qs || '')) };
}

export function match(hash) {
  const { path, query } = parse(hash);
  for (const r of routes) {
    const m = r.regex.exec(path);
    if (m) {
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { route: r, params, query, path };
    }
  }
  return null;
}

/** A hash for a path and a query object, leaving out empty values. */
export function href(path, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') params.set(k, v);
  const qs = params.toString();
  return '#' + path + (qs ? '?' + qs : '');
}

export function navigate(path, query) {
  const target = href(path, query);
  if (location.hash === target) listener(); else location.hash = target;
}

export function current() { return parse(location.hash); }

export function start(onChange) {
  listener = onChange;
  window.addEventListener('hashchange', () => listener());
}

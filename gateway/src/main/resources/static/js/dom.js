// Building the page without HTML strings: every value, above all every server value, becomes a text node or a
// property, never markup (job names, output and messages are user-controlled).

/**
 * h('a', {href: '#/jobs/1', class: 'x', on: {click: fn}}, 'text', child) creates an element. Attributes named
 * value, checked, disabled, hidden, selected are set as properties; everything else with setAttribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (['value', 'checked', 'disabled', 'hidden', 'selected', 'multiple'].includes(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
export { browserZone };

/** A Unix ms instant (or ISO string) as "2026-01-02 03:04:05" in the zone (default: the browser's). */
export function fmtTime(value, zone) {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone || browserZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).reduce((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A <time> showing the instant in the browser's zone, with UTC in its title. */
export function timeEl(value, zone) {
  if (value === null || value === undefined) return '';
  const date = new Date(value);
  return h('time', { datetime: date.toISOString(), title: date.toISOString() + (zone ? ' · ' + zone : '') },
    fmtTime(value, zone));
}

export function ago(ms) {
  if (ms === null || ms === undefined) return '';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return s + ' s';
  if (s < 5400) return Math.round(s / 60) + ' min';
  return Math.round(s / 3600) + ' h';
}

export function badge(text, kind) {
  return h('span', { class: 'badge ' + (kind || '') }, text);
}

export function link(href, text) {
  return h('a', { href }, text);
}

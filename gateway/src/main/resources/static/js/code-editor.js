// A monospace code editor with line numbers: a textarea beside a gutter that follows its lines and scrolling.
// Tab inserts spaces (Esc then Tab leaves the editor, so the keyboard is never trapped).
import { h } from './dom.js';

export function codeEditor(name, value, { rows = 14, label } = {}) {
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const area = h('textarea', { name, rows, spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', wrap: 'off', 'aria-label': label || name });
  area.value = value || '';
  let escaped = false;
  const numbers = () => {
    const lines = area.value.split('\n').length;
    if (gutter.childElementCount !== lines) {
      gutter.replaceChildren(...Array.from({ length: lines }, (_, i) => h('div', {}, String(i + 1))));
    }
    gutter.scrollTop = area.scrollTop;
  };
  area.addEventListener('input', numbers);
  area.addEventListener('scroll', () => { gutter.scrollTop = area.scrollTop; });
  area.addEventListener('keydown', e => {
    if (e.key === 'Escape') { escaped = true; return; }
    if (e.key === 'Tab' && !e.shiftKey && !escaped) {
      e.preventDefault();
      area.setRangeText('    ', area.selectionStart, area.selectionEnd, 'end');
      numbers();
    }
    escaped = false;
  });
  numbers();
  const el = h('div', { class: 'code-editor' }, gutter, area);
  el.textarea = area;
  return el;
}

// Form pieces written once: a labelled field with its error, problem+json shown at its fields, a confirm
// dialog, and short notices.
import { h, clear } from './dom.js';

let fieldSeq = 0;

/** A labelled control with a place for its error; the control gets an id and aria-describedby. */
export function field(label, control, { name, hint, wide } = {}) {
  // A composite control (the code editor) is labelled through the text area inside it.
  const target = ['INPUT', 'SELECT', 'TEXTAREA'].includes(control.tagName) ? control : (control.querySelector('textarea, input, select') || control);
  const id = target.id || ('f' + (++fieldSeq));
  target.id = id;
  const key = name || target.name;
  const error = h('span', { class: 'field-error', id: id + '-err', 'data-error-for': key, role: 'alert' });
  target.setAttribute('aria-describedby', id + '-err');
  return h('div', { class: 'field' + (wide ? ' wide' : ''), 'data-field': key },
    h('label', { for: id }, label), control, hint ? h('span', { class: 'hint' }, hint) : null, error);
}

export function input(name, attrs = {}) {
  return h('input', { name, ...attrs });
}

export function select(name, options, value, attrs = {}) {
  return h('select', { name, ...attrs }, options.map(o => {
    const [v, label] = Array.isArray(o) ? o : [o, o];
    return h('option', { value: v, selected: String(v) === String(value ?? '') }, label);
  }));
}

/** Clears the errors of a form, then puts each field's message under it and the rest in the form's banner. */
export function showProblem(form, error) {
  clearErrors(form);
  const banner = form.querySelector('.form-error');
  const unplaced = [];
  for (const [fieldName, message] of Object.entries(error.fields || {})) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(fieldName)}"]`)
      || form.querySelector(`[data-error-for="${CSS.escape(fieldName.split(/[.[]/)[0])}"]`);
    if (slot) {
      slot.textContent = message;
      slot.closest('.field')?.classList.add('invalid');
    } else {
      unplaced.push(fieldName + ': ' + message);
    }
  }
  if (banner) {
    const placed = Object.keys(error.fields || {}).length > unplaced.length;
    banner.textContent = [placed ? 'Please correct the marked fields.' : error.message, ...unplaced].join(' ');
    banner.hidden = false;
  }
  const first = form.querySelector('.field.invalid input, .field.invalid select, .field.invalid textarea');
  if (first) first.focus();
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
  form.querySelectorAll('.field.invalid').forEach(e => e.classList.remove('invalid'));
  const banner = form.querySelector('.form-error');
  if (banner) { banner.textContent = ''; banner.hidden = true; }
}

export function formError() {
  return h('p', { class: 'form-error', role: 'alert', hidden: true });
}

/** A modal confirm; resolves true when the operator confirms. */
export function confirmDialog(message, confirmLabel = 'Confirm', danger = true) {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'confirm', 'aria-label': 'Confirm' },
      h('p', {}, message),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', on: { click: () => close(false) } }, 'Cancel'),
        h('button', { type: 'button', class: danger ? 'danger' : '', 'data-confirm': '', on: { click: () => close(true) } }, confirmLabel)));
    function close(answer) { dialog.close(); dialog.remove(); resolve(answer); }
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A short notice at the top right; errors stay until dismissed. */
export function notify(message, kind = 'info') {
  const box = document.getElementById('notices');
  const note = h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, h('span', {}, message),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', on: { click: () => note.remove() } }, '×'));
  box.append(note);
  if (kind !== 'error') setTimeout(() => note.remove(), 5000);
}

/** Runs an action from a button: disables it meanwhile and reports a failure as a notice. */
export async function act(button, action) {
  button.disabled = true;
  try { return await action(); } catch (e) { notify(e.message, 'error'); return undefined; } finally { button.disabled = false; }
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h3', {}, title), ...children);
}

export { clear };

// Job dependencies in the console: the editor's children and join parents, a job's upstream and downstream,
// and a run's tree (the run among its parent and the runs it caused).
import { api } from '../api.js';
import { h, link, timeEl } from '../dom.js';
import { field, input, select } from '../form.js';
import { runResult } from './runs.js';

const CONDITIONS = [['success', 'on success'], ['failure', 'on failure'], ['always', 'always']];

/** The dependency fields of the job form; read them back with dependencyBody(form). */
export async function dependencyFields(jobId) {
  const jobs = (await api.page('/jobs', { size: 500, sort: 'name' })).items.filter(j => j.id !== jobId);
  const deps = jobId ? await api.get('/jobs/' + jobId + '/dependencies') : { upstream: [], downstream: [], joinTimeoutMs: null };
  const options = [['', 'choose a job'], ...jobs.map(j => [j.id, j.name])];
  const rows = h('div', { class: 'child-rows' });
  const addRow = (child) => {
    const row = h('div', { class: 'inline child-row' },
      select('childJob', options, child ? child.jobId : '', { 'aria-label': 'Child job' }),
      select('childOn', CONDITIONS, child ? child.on : 'success', { 'aria-label': 'When' }),
      h('button', { type: 'button', class: 'secondary', on: { click: () => row.remove() } }, 'Remove'));
    rows.append(row);
  };
  deps.downstream.filter(l => l.kind === 'trigger').forEach(addRow);
  const joinParents = new Set(deps.upstream.filter(l => l.kind === 'join').map(l => l.jobId));
  const parents = h('select', { name: 'joinParents', multiple: true, size: Math.min(8, Math.max(3, jobs.length)) },
    jobs.map(j => h('option', { value: j.id, selected: joinParents.has(j.id) }, j.name)));
  return h('fieldset', { class: 'wide dependencies' }, h('legend', {}, 'Dependencies'),
    field('Children', h('div', {}, rows, h('button', { type: 'button', class: 'secondary', id: 'add-child', on: { click: () => addRow() } }, 'Add child')),
      { name: 'children', wide: true, hint: 'Jobs to run when a run of this job ends as chosen; each child gets CRONHIVE_PARENT_RUN_ID and CRONHIVE_PARENT_STATUS.' }),
    field('Join parents', parents, { name: 'joinParents', hint: 'Run this job once all of these succeed for one scheduled instant (Ctrl-click for several).' }),
    field('Join timeout (ms)', input('joinTimeoutMs', { type: 'number', min: 1000, value: deps.joinTimeoutMs ?? '', placeholder: '3600000' }),
      { hint: 'How long after the instant the parents may take; then the join fails.' }));
}

/** The form's dependency fields as the API takes them. */
export function dependencyBody(form) {
  const children = [...form.querySelectorAll('.child-row')]
    .map(row => ({ jobId: row.querySelector('[name=childJob]').value, on: row.querySelector('[name=childOn]').value }))
    .filter(c => c.jobId !== '')
    .map(c => ({ jobId: Number(c.jobId), on: c.on }));
  const joinParents = [...form.elements.joinParents.selectedOptions].map(o => Number(o.value));
  const timeout = form.elements.joinTimeoutMs.value;
  return { children, joinParents, joinTimeoutMs: timeout === '' ? null : Number(timeout) };
}

/** A job detail's card: the jobs that make it run and the jobs it makes run. */
export async function dependencySection(jobId) {
  const deps = await api.get('/jobs/' + jobId + '/dependencies');
  const list = (links, empty) => links.length
    ? h('ul', {}, links.map(l => h('li', {}, link('#/jobs/' + l.jobId, l.name || '#' + l.jobId), ' ',
      h('span', { class: 'muted' }, l.kind === 'join' ? 'join' : l.on))))
    : h('p', { class: 'muted' }, empty);
  return h('section', { class: 'card', id: 'job-dependencies' }, h('h3', {}, 'Dependencies'),
    h('div', { class: 'grid-2' },
      h('div', {}, h('h4', {}, 'Upstream'), list(deps.upstream, 'Nothing triggers this job.'),
        deps.joinTimeoutMs ? h('p', { class: 'hint' }, 'Join timeout ' + deps.joinTimeoutMs + ' ms') : null),
      h('div', {}, h('h4', {}, 'Downstream'), list(deps.downstream, 'This job triggers nothing.'))));
}

/** A run detail's card: its parent and the tree of runs it belongs to, the run itself marked. */
export async function runTreeSection(runId) {
  const tree = await api.get('/scheduler-logs/' + runId + '/tree');
  const node = (n) => h('li', {},
    h('span', { class: n.run.id === tree.runId ? 'current' : '' },
      n.run.id === tree.runId ? h('strong', {}, '#' + n.run.id) : link('#/runs/' + n.run.id, '#' + n.run.id), ' ',
      link('#/jobs/' + n.run.jobId, n.run.jobName), ' ', h('span', { class: 'muted' }, n.run.triggerKind), ' ',
      runResult(n.run), ' ', timeEl(n.run.scheduledAt)),
    n.children.length ? h('ul', {}, n.children.map(node)) : null);
  const title = h('h3', {}, 'Parent and children');
  if (!tree.parentRunId && !tree.root.children.length) {
    return h('section', { class: 'card', id: 'run-tree' }, title, h('p', { class: 'muted' }, 'No other run caused this one or was caused by it.'));
  }
  // h() skips null children; Element.append would print them as "null".
  return h('section', { class: 'card', id: 'run-tree' }, title,
    tree.parentRunId ? h('p', {}, 'Parent: ', link('#/runs/' + tree.parentRunId, '#' + tree.parentRunId)) : null,
    (tree.joinParentRunIds || []).length ? h('p', {}, 'Joined the runs ',
      tree.joinParentRunIds.map((r, i) => [i ? ', ' : '', link('#/runs/' + r, '#' + r)])) : null,
    h('ul', { class: 'run-tree' }, node(tree.root)),
    tree.truncated ? h('p', { class: 'hint' }, 'Cut at 500 runs.') : null);
}

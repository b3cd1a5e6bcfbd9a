// One Playbook run's page: its card, then every task of its documents (runs/tasks) in run order with its state (done,
// running now, waiting at a gate, failed, pending, skipped), where it is, and its attempts, each in its own session: a
// button that opens the session's transcript. A server without runs/tasks gets the run's sessions listed instead.
import type { Run, RunTaskEntry, RunTaskState, Session } from '../../../../protocol/protocol';
import type { Actions } from '../../state/actions';
import { runIsActive, runTitle } from '../../state/runText';
import type { Store } from '../../state/store';
import { button, h } from '../dom';
import { baseName, formatCost, statusLabels } from '../format';
import { renderRunCard } from './runCard';

export interface RunPageCallbacks {
  back(): void;
  openSession(sessionId: string): void;
  /** A run Retry with Bypass started, to show its page. */
  showRun?(runId: string): void;
}

/** A task's state in words, as its row shows it. */
export const taskStateLabels: Record<RunTaskState, string> = {
  pending: 'pending',
  running: 'running now',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  waiting: 'needs approval',
};

export function renderRunPage(run: Run, store: Store, actions: Actions, callbacks: RunPageCallbacks): HTMLElement {
  const tasks = store.runTasks.get(run.id);
  const page = h(
    'section',
    { class: 'run-page', attrs: { 'aria-label': `Run ${runTitle(run)}` } },
    h('div', { class: 'toolbar' }, button('← Playbook runs', () => callbacks.back(), { class: 'link-button', attrs: { 'aria-label': 'Back to the Playbook runs' } })),
    renderRunCard(run, store, actions, { retried: (again) => callbacks.showRun?.(again.id) }),
    h('h3', { text: 'Tasks' }),
    tasks === undefined
      ? h('div', { class: 'empty', attrs: { role: 'status' }, text: 'Loading the tasks…' })
      : tasks === 'unavailable'
        ? renderSessions(run, store, callbacks)
        : renderTasks(run, tasks, callbacks),
  );
  page.appendChild(h('div', { class: 'hint', text: `${run.worktree ? `Works in the worktree ${run.worktree}` : `Works in ${run.cwd ?? 'the playbook’s repository'}`}. Run ${run.id}: \`maestro runs show ${run.id}\` in a terminal.` }));
  return page;
}

function renderTasks(run: Run, tasks: RunTaskEntry[], callbacks: RunPageCallbacks): HTMLElement {
  if (tasks.length === 0) return h('div', { class: 'empty', text: 'The playbook has no tasks now.' });
  const list = h('ol', { class: 'run-tasks', attrs: { 'aria-label': `Tasks of run ${runTitle(run)}` } });
  for (const task of tasks) {
    const last = task.attempts.at(-1);
    const where = `${baseName(task.document)}:${task.line}`;
    const row = h(
      'li',
      { class: `run-task-row run-task-${task.state}${task.state === 'running' ? ' run-task-current' : ''}`, attrs: { 'data-state': task.state, ...(last?.sessionId ? { 'data-session-id': last.sessionId } : {}) } },
      h('span', { class: `run-task-state run-task-state-${task.state}`, text: taskStateLabels[task.state] }),
      last?.sessionId
        ? button(task.text, () => callbacks.openSession(last.sessionId!), { class: 'link-button run-task-open', attrs: { 'aria-label': `Open the session of task: ${task.text}` } })
        : h('span', { class: 'run-task-text', text: task.text }),
      h('span', { class: 'meta', text: ` ${where}` }),
    );
    // Every attempt opens its own session; the task's text opens the last one.
    if (task.attempts.length > 1) {
      const attempts = h('span', { class: 'run-task-attempts' });
      for (const attempt of task.attempts) {
        if (!attempt.sessionId) continue;
        const label = run.loops > 1 ? `loop ${attempt.loop}, try ${attempt.attempt}` : `try ${attempt.attempt}`;
        attempts.appendChild(button(label, () => callbacks.openSession(attempt.sessionId!), { class: 'link-button', attrs: { 'aria-label': `Open the session of ${label} at task: ${task.text}` } }));
      }
      row.appendChild(attempts);
    }
    if ((task.state === 'failed' || task.state === 'skipped') && last?.message) row.appendChild(h('div', { class: 'hint run-task-message', text: last.message }));
    list.appendChild(row);
  }
  return list;
}

/** Without runs/tasks: one row per session the run made, as older servers allow. */
function renderSessions(run: Run, store: Store, callbacks: RunPageCallbacks): HTMLElement {
  if (run.sessionIds.length === 0) return h('div', { class: 'empty', text: 'No task has started yet.' });
  const list = h('ol', { class: 'run-tasks', attrs: { 'aria-label': `Tasks of run ${runTitle(run)}` } });
  const current = runIsActive(run) ? run.currentTask?.sessionId : undefined;
  for (const sessionId of run.sessionIds) {
    const session = store.sessions.get(sessionId);
    const text = session ? taskText(session, run) : sessionId;
    list.appendChild(
      h(
        'li',
        { class: `run-task-row${sessionId === current ? ' run-task-current' : ''}`, attrs: { 'data-session-id': sessionId } },
        button(text, () => callbacks.openSession(sessionId), { class: 'link-button run-task-open', attrs: { 'aria-label': `Open the session of task: ${text}` } }),
        h('span', { class: 'meta', text: session ? `${sessionId === current ? 'now · ' : ''}${statusLabels[session.status]} · ${formatCost(session.usage.costUsd)}` : 'session not loaded' }),
      ),
    );
  }
  return list;
}

/** A run's session is named `<playbook>: <task>`; the row shows the task. */
function taskText(session: Session, run: Run): string {
  const prefix = `${runTitle(run)}: `;
  return session.name.startsWith(prefix) ? session.name.slice(prefix.length) : session.name;
}

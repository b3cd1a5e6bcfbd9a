// One Playbook run's page: its card, then its tasks, one row per attempt (each in its own session: a button that opens
// the session's transcript), and the task running now marked.
import type { Run, Session } from '../../../../protocol/protocol';
import type { Actions } from '../../state/actions';
import { runIsActive, runTitle } from '../../state/runText';
import type { Store } from '../../state/store';
import { button, h } from '../dom';
import { formatCost, statusLabels } from '../format';
import { renderRunCard } from './runCard';

export interface RunPageCallbacks {
  back(): void;
  openSession(sessionId: string): void;
}

export function renderRunPage(run: Run, store: Store, actions: Actions, callbacks: RunPageCallbacks): HTMLElement {
  const tasks = h('ol', { class: 'run-tasks', attrs: { 'aria-label': `Tasks of run ${runTitle(run)}` } });
  const current = runIsActive(run) ? run.currentTask?.sessionId : undefined;
  for (const sessionId of run.sessionIds) {
    const session = store.sessions.get(sessionId);
    const text = session ? taskText(session, run) : sessionId;
    const row = h(
      'li',
      { class: `run-task-row${sessionId === current ? ' run-task-current' : ''}`, attrs: { 'data-session-id': sessionId } },
      button(text, () => callbacks.openSession(sessionId), { class: 'link-button run-task-open', attrs: { 'aria-label': `Open the session of task: ${text}` } }),
      h('span', { class: 'meta', text: session ? `${sessionId === current ? 'now · ' : ''}${statusLabels[session.status]} · ${formatCost(session.usage.costUsd)}` : 'session not loaded' }),
    );
    tasks.appendChild(row);
  }
  const page = h(
    'section',
    { class: 'run-page', attrs: { 'aria-label': `Run ${runTitle(run)}` } },
    h('div', { class: 'toolbar' }, button('← Playbook runs', () => callbacks.back(), { class: 'link-button', attrs: { 'aria-label': 'Back to the Playbook runs' } })),
    renderRunCard(run, store, actions),
    h('h3', { text: 'Tasks' }),
    run.sessionIds.length > 0 ? tasks : h('div', { class: 'empty', text: 'No task has started yet.' }),
  );
  page.appendChild(h('div', { class: 'hint', text: `${run.worktree ? `Works in the worktree ${run.worktree}` : `Works in ${run.cwd ?? 'the playbook’s repository'}`}. Run ${run.id}: \`maestro runs show ${run.id}\` in a terminal.` }));
  return page;
}

/** A run's session is named `<playbook>: <task>`; the row shows the task. */
function taskText(session: Session, run: Run): string {
  const prefix = `${runTitle(run)}: `;
  return session.name.startsWith(prefix) ? session.name.slice(prefix.length) : session.name;
}

// One Playbook run as a card: its name (a button to the run's page), status, agent, start time, duration, the one
// progress figure, the current task, a provider wait or a HITL gate (Approve), the last message, Stop, and Retry with
// Bypass on a run that failed for refused tool calls.
import type { Run, RunGate, RunWait } from '../../../../protocol/protocol';
import type { Actions } from '../../state/actions';
import { bypassRetryHelp, bypassRetryParams, offersBypassRetry, runDuration, runIsActive, runProgress, runStartedText, runStatusText, runTitle } from '../../state/runText';
import type { Store } from '../../state/store';
import { button, h } from '../dom';
import { fileOpener } from '../fileOpener';
import { baseName, formatCost } from '../format';

export interface RunCardOptions {
  /** Opens the run's page (its tasks and their sessions); absent on that page itself. */
  open?: (runId: string) => void;
  now?: Date;
  /** Called with the new run Retry with Bypass started (to open its page). */
  retried?: (run: Run) => void;
}

export function renderRunCard(run: Run, store: Store, actions: Actions, options: RunCardOptions = {}): HTMLElement {
  const active = runIsActive(run);
  const title = runTitle(run);
  const name = options.open
    ? button(title, () => options.open!(run.id), { class: 'link-button run-open', attrs: { title: run.playbook, 'aria-label': `Open run ${title}: its tasks and sessions` } })
    : h('span', { class: 'session-name', text: title, attrs: { title: run.playbook } });
  const progress = h('progress', { attrs: { max: String(Math.max(1, run.total)), value: String(run.done), 'aria-label': `${run.done} of ${run.total} tasks done` } });
  const card = h(
    'div',
    { class: `run-item run-${run.status}`, attrs: { role: 'listitem', 'data-run-id': run.id } },
    h('div', { class: 'session-line' }, name, h('span', { class: `status status-${run.status}${active && !run.gate ? ' busy' : ''}${run.gate ? ' needs-input' : ''}`, text: runStatusText(run) })),
    h('div', { class: 'run-progress', text: runProgress(run) }),
    progress,
    h('div', { class: 'session-meta', text: `${run.agentId} · started ${runStartedText(run, options.now)} · ${runDuration(run, options.now)} · ${formatCost(run.usage.costUsd)}${run.branch ? ` · ${run.branch}` : ''}` }),
  );
  if (run.currentTask && active) card.appendChild(h('div', { class: 'run-task', text: `Now: ${run.currentTask.text}` }));
  if (run.waiting) card.appendChild(h('div', { class: 'run-wait', attrs: { role: 'status' }, text: waitingText(run.waiting) }));
  if (run.gate && active) card.appendChild(renderGate(run, run.gate, store, actions));
  const message = store.runMessages.get(run.id) ?? run.reason;
  if (message) card.appendChild(h('div', { class: 'hint run-message', text: message }));
  if (active) card.appendChild(button('Stop', () => void actions.stopRun(run.id), { attrs: { 'aria-label': `Stop run ${title}` } }));
  if (!active && offersBypassRetry(run)) {
    // The failure names refused tool calls: the one fix the card can offer is the same run allowed to make them.
    const retry = async (): Promise<void> => {
      const again = await actions.startRun(bypassRetryParams(run));
      if (again) options.retried?.(again);
    };
    card.appendChild(h('div', { class: 'actions' }, button('Retry with Bypass', () => void retry(), { attrs: { title: bypassRetryHelp, 'aria-label': `Retry run ${title} with Bypass` } })));
  }
  return card;
}

/** A HITL gate: what the person is asked, the artifact to look at, and Approve (which ticks the task below the gate). */
function renderGate(run: Run, gate: RunGate, store: Store, actions: Actions): HTMLElement {
  const card = h(
    'div',
    { class: 'run-gate', attrs: { role: 'group', 'aria-label': `Run ${runTitle(run)} needs your approval` } },
    h('div', { class: 'run-gate-reason', text: `Needs your approval: ${gate.reason}` }),
    h('div', { class: 'hint', text: `Approving ticks “${gate.task.text}” (${baseName(gate.task.document)}:${gate.task.line}); ticking it in the document does the same.` }),
  );
  const buttons = h('div', { class: 'actions' });
  const open = fileOpener(store, actions, { cwd: run.worktree ?? run.cwd ?? '', host: run.host });
  if (gate.artifact && open) {
    const artifact = gate.artifact;
    buttons.appendChild(button(`Open ${baseName(artifact)}`, () => open(artifact)));
  } else if (gate.artifact) {
    card.appendChild(h('div', { class: 'hint', text: `Look at: ${gate.artifact}` }));
  }
  buttons.appendChild(button('Approve', () => void actions.approveRun(run.id), { class: 'primary', attrs: { 'aria-label': `Approve: ${gate.reason}` } }));
  card.appendChild(buttons);
  return card;
}

/** What a waiting run waits for, and until when (the session's outage card has the countdown and Try now). */
export function waitingText(wait: RunWait): string {
  const what = wait.class === 'quota' ? 'its usage limit to reset' : 'the provider to answer again';
  const until = wait.nextAt ?? wait.resetAt;
  const at = until ? `; next try at ${new Date(until).toLocaleTimeString()}` : '';
  return `Waiting for ${what} (${wait.attempts} failed send${wait.attempts === 1 ? '' : 's'})${at}.`;
}

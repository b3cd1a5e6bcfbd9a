// Auto Runs: runs/list, then live runs/progress (task n of m, the current task, status), Stop, and Approve at a HITL gate.
import type { Run, RunGate, RunWait } from '../../../protocol/protocol';
import { HostActions } from '../bridge/messages';
import type { Actions } from '../state/actions';
import type { Store } from '../state/store';
import { baseName, formatCost } from './format';
import { button, clear, h } from './dom';

export class RunsView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly store: Store, private readonly actions: Actions) {
    this.list = h('div', { class: 'runs-list', attrs: { role: 'list', 'aria-label': 'Runs' } });
    this.element = h('section', { class: 'runs-view', attrs: { 'aria-label': 'Auto Runs' } }, this.list);
  }

  render(): void {
    const focusedRun = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-run-id]')?.dataset.runId;
    clear(this.list);
    const runs = [...this.store.runs.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
    if (runs.length === 0) this.list.appendChild(h('div', { class: 'empty', text: 'No Auto Runs yet. Start one from a Playbook.' }));
    for (const run of runs) this.list.appendChild(this.renderRun(run));
    if (focusedRun) this.list.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(focusedRun)}"] button`)?.focus();
  }

  private renderRun(run: Run): HTMLElement {
    // A waiting run is still in progress: its agent waits for the provider and resends by itself.
    const active = run.status === 'running' || run.status === 'waiting';
    const position = Math.min(run.total, run.done + run.failed + (active && run.currentTask ? 1 : 0));
    const progress = h('progress', { attrs: { max: String(Math.max(1, run.total)), value: String(run.done + run.failed), 'aria-label': `${run.done} of ${run.total} tasks done` } });
    const item = h(
      'div',
      { class: `run-item run-${run.status}`, attrs: { role: 'listitem', 'data-run-id': run.id } },
      h('div', { class: 'session-line' }, h('span', { class: 'session-name', text: baseName(run.playbook) }), h('span', { class: `status status-${run.status}${active && !run.gate ? ' busy' : ''}${run.gate ? ' needs-input' : ''}`, text: statusText(run) })),
      h('div', { class: 'session-meta', text: `${run.agentId} · task ${position} of ${run.total}${run.failed ? ` · ${run.failed} failed` : ''}${run.loops > 1 ? ` · loop ${run.loop} of ${run.loops}` : ''} · ${formatCost(run.usage.costUsd)}` }),
      progress,
    );
    if (run.currentTask && active) item.appendChild(h('div', { class: 'run-task', text: `Now: ${run.currentTask.text}` }));
    if (run.waiting) item.appendChild(h('div', { class: 'run-wait', attrs: { role: 'status' }, text: waitingText(run.waiting) }));
    if (run.gate && active) item.appendChild(this.renderGate(run, run.gate));
    const message = this.store.runMessages.get(run.id) ?? run.reason;
    if (message) item.appendChild(h('div', { class: 'hint', text: message }));
    if (active) item.appendChild(button('Stop', () => void this.actions.stopRun(run.id), { attrs: { 'aria-label': `Stop run ${baseName(run.playbook)}` } }));
    return item;
  }

  /** A HITL gate: what the person is asked, the artifact to look at, and Approve (which ticks the task below the gate). */
  private renderGate(run: Run, gate: RunGate): HTMLElement {
    const card = h(
      'div',
      { class: 'run-gate', attrs: { role: 'group', 'aria-label': `Run ${baseName(run.playbook)} needs your approval` } },
      h('div', { class: 'run-gate-reason', text: `Needs your approval: ${gate.reason}` }),
      h('div', { class: 'hint', text: `Approving ticks “${gate.task.text}” (${baseName(gate.task.document)}:${gate.task.line}); ticking it in the document does the same.` }),
    );
    const buttons = h('div', { class: 'actions' });
    if (gate.artifact && this.store.hostOffers(HostActions.OpenFile)) {
      const artifact = gate.artifact;
      buttons.appendChild(button(`Open ${baseName(artifact)}`, () => void this.actions.hostAction(HostActions.OpenFile, { cwd: run.worktree ?? run.cwd, path: artifact })));
    } else if (gate.artifact) {
      card.appendChild(h('div', { class: 'hint', text: `Look at: ${gate.artifact}` }));
    }
    buttons.appendChild(button('Approve', () => void this.actions.approveRun(run.id), { class: 'primary', attrs: { 'aria-label': `Approve: ${gate.reason}` } }));
    card.appendChild(buttons);
    return card;
  }
}

/** The run's state in words; a run at a gate waits for a person, not for the provider. */
function statusText(run: Run): string {
  if (run.status !== 'waiting') return run.status;
  return run.gate ? 'needs approval' : 'waiting for the provider';
}

/** What a waiting run waits for, and until when (the session's outage card has the countdown and Try now). */
export function waitingText(wait: RunWait): string {
  const what = wait.class === 'quota' ? 'its usage limit to reset' : 'the provider to answer again';
  const until = wait.nextAt ?? wait.resetAt;
  const at = until ? `; next try at ${new Date(until).toLocaleTimeString()}` : '';
  return `Waiting for ${what} (${wait.attempts} failed send${wait.attempts === 1 ? '' : 's'})${at}.`;
}

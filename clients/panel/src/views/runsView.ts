// The Playbook runs tab: the run cards (runs/list, then live runs/progress), a run's page with every task (runs/tasks,
// asked again on each runs/progress of the run) and their sessions, and the start-a-run screen, reached from Start in
// the empty state and the list's toolbar, or from the host's "Run Playbook" (showStartRun).
import { HostActions } from '../bridge/messages';
import type { Actions } from '../state/actions';
import { runsName } from '../state/runText';
import type { Store } from '../state/store';
import { button, clear, h } from './dom';
import { fileOpener } from './fileOpener';
import { renderRunCard } from './runs/runCard';
import { renderRunPage } from './runs/runPage';
import { hostOpensFiles, renderStartRunForm } from './runs/startRunForm';

export type RunsPage = { kind: 'list' } | { kind: 'start'; playbook?: string } | { kind: 'run'; id: string };

export class RunsView {
  readonly element: HTMLElement;
  private page: RunsPage = { kind: 'list' };
  /** The start form is built once per visit (the user's choices live in it); runs/progress must not rebuild it. */
  private startForm: HTMLElement | undefined;
  private startFormState: unknown;
  private startFormAgents: unknown;
  private startFormHosts: unknown;
  /** The run object runs/tasks was last asked for: each runs/progress brings a new one, and the tasks are asked again. */
  private tasksAskedFor: unknown;

  constructor(
    private readonly store: Store,
    private readonly actions: Actions,
    private readonly openSession: (sessionId: string) => void,
  ) {
    this.element = h('section', { class: 'runs-view', attrs: { 'aria-label': runsName } });
  }

  get currentPage(): RunsPage {
    return this.page;
  }

  showList(): void {
    this.page = { kind: 'list' };
    this.render();
  }

  /** The start-a-run screen; the playbooks are listed again each time it opens (their boxes change on disk). */
  showStart(playbook?: string): void {
    this.page = { kind: 'start', playbook };
    this.startForm = undefined;
    this.render();
    void this.actions.loadPlaybooks();
    void this.actions.loadRunHosts();
  }

  showRun(runId: string): void {
    this.page = { kind: 'run', id: runId };
    this.tasksAskedFor = undefined;
    this.render();
    // The run's task sessions are in sessions/list; a run started elsewhere may have made some this panel missed.
    if (this.store.runs.get(runId)?.sessionIds.some((id) => !this.store.sessions.has(id))) void this.actions.loadSessions();
  }

  render(): void {
    if (this.page.kind === 'start') {
      this.renderStart(this.page.playbook);
      return;
    }
    this.startForm = undefined;
    const focusedRun = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-run-id]')?.dataset.runId;
    clear(this.element);
    if (this.page.kind === 'run') {
      const run = this.store.runs.get(this.page.id);
      if (run) {
        if (this.tasksAskedFor !== run) {
          this.tasksAskedFor = run;
          void this.actions.loadRunTasks(run.id);
        }
        this.element.appendChild(renderRunPage(run, this.store, this.actions, { back: () => this.showList(), openSession: this.openSession, showRun: (id) => this.showRun(id) }));
        return;
      }
      this.page = { kind: 'list' };
    }
    const runs = [...this.store.runs.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
    const start = (): HTMLButtonElement => button('Start a run…', () => this.showStart(), { class: 'primary', attrs: { 'aria-label': 'Start a Playbook run' } });
    if (runs.length === 0) {
      this.element.appendChild(h('div', { class: 'empty' }, h('p', { text: 'No Playbook runs yet. A run works through a playbook’s checklist unattended, one task per agent session.' }), start()));
      return;
    }
    this.element.appendChild(h('div', { class: 'toolbar' }, start()));
    const list = h('div', { class: 'runs-list', attrs: { role: 'list', 'aria-label': runsName } });
    for (const run of runs) list.appendChild(renderRunCard(run, this.store, this.actions, { open: (id) => this.showRun(id), retried: (again) => this.showRun(again.id) }));
    this.element.appendChild(list);
    if (focusedRun) this.element.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(focusedRun)}"] button`)?.focus();
  }

  private renderStart(playbook: string | undefined): void {
    const state = this.store.playbooks;
    // Rebuilt only when what it lists changed (playbooks or agents loaded again), never for a run's progress.
    if (this.startForm && this.startFormState === state && this.startFormAgents === this.store.agents && this.startFormHosts === this.store.runHosts && this.element.contains(this.startForm)) return;
    this.startFormState = state;
    this.startFormAgents = this.store.agents;
    this.startFormHosts = this.store.runHosts;
    clear(this.element);
    this.startForm = renderStartRunForm(state, this.store.agents, this.store.hostInfo, playbook, {
      start: (params) => void this.start(params),
      cancel: () => this.showList(),
      reload: (target) => void this.actions.loadPlaybooks(target),
      // A host's documents are paths there: shown read-only from the host, where the editor can.
      openFile: state.state === 'ready' && state.host
        ? fileOpener(this.store, this.actions, { host: state.host, cwd: state.folder ?? '' })
        : hostOpensFiles(this.store.hostInfo) ? (path) => void this.actions.hostAction(HostActions.OpenFile, { path }) : undefined,
    }, this.store.runHosts);
    this.element.appendChild(this.startForm);
    this.startForm.querySelector<HTMLElement>('select, input')?.focus();
  }

  private async start(params: Parameters<Actions['startRun']>[0]): Promise<void> {
    const run = await this.actions.startRun(params);
    if (run) this.showRun(run.id);
  }
}

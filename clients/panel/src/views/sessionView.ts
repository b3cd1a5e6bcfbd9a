// One open session: its header and actions, the virtualized transcript, live permission cards, queued prompts
// and the prompt box. Escape goes back to the list.
import type { Session } from '../../../protocol/protocol';
import { HostActions } from '../bridge/messages';
import type { Actions } from '../state/actions';
import type { Store } from '../state/store';
import { button, clear, h, setText } from './dom';
import { fileOpener } from './fileOpener';
import { formatCost, isBusy, shownStatus, statusLabels } from './format';
import type { Scheduler } from './scheduler';
import { renderPermissionCard } from './transcript/permissionCard';
import { PromptBox } from './transcript/promptBox';
import { TranscriptList } from './transcript/transcriptList';

const modeLabels: Record<string, string> = { ask: 'Ask me', acceptEdits: 'Accept edits', bypass: 'Bypass' };

/** Seconds since the transcript last moved in a running turn, once that is 10 s or more; undefined before. */
export function modelWaitSeconds(movedAt: number, now: number): number | undefined {
  const seconds = Math.floor((now - movedAt) / 1000);
  return seconds >= 10 ? seconds : undefined;
}

export function formatElapsed(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export class SessionView {
  readonly element: HTMLElement;
  readonly prompt: PromptBox;
  readonly transcript: TranscriptList;
  private readonly title: HTMLElement;
  private readonly details: HTMLElement;
  private readonly status: HTMLElement;
  private readonly actionsBar: HTMLElement;
  /** Close of a worktree session in a host that cannot ask itself: Keep / Delete worktree, inline. */
  private readonly closeQuestion: HTMLElement;
  private readonly cards: HTMLElement;
  private readonly loading: HTMLElement;
  private readonly mode: HTMLElement;
  /** "Waiting for the model… 40 s": a turn with nothing new for a while says how long it has waited. */
  private readonly wait: HTMLElement;
  private waitTimer: ReturnType<typeof setInterval> | undefined;
  private seenRevision = -1;
  private movedAt = Date.now();
  private renaming = false;
  private readonly update = (): void => this.render();
  private readonly updateList = (): void => this.transcript.update();

  constructor(
    readonly sessionId: string,
    private readonly store: Store,
    private readonly actions: Actions,
    private readonly scheduler: Scheduler,
    private readonly back: () => void,
    /** The Review tab, where a host's session is reviewed. */
    private readonly showReview?: () => void,
  ) {
    this.title = h('h2', { class: 'session-title' });
    this.details = h('div', { class: 'session-details' });
    this.status = h('span', { class: 'status', attrs: { role: 'status' } });
    this.mode = h('span', { class: 'chip mode-chip' });
    this.wait = h('div', { class: 'model-wait meta', attrs: { 'aria-live': 'off' } });
    this.wait.hidden = true;
    this.actionsBar = h('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Session actions' } });
    this.closeQuestion = h('div', { class: 'close-question', attrs: { role: 'group', 'aria-label': 'Close the session' } });
    this.closeQuestion.hidden = true;
    this.cards = h('div', { class: 'permission-cards', attrs: { 'aria-live': 'assertive' } });
    this.loading = h('div', { class: 'meta loading' });
    const transcript = store.transcriptOf(sessionId);
    const view = this;
    this.transcript = new TranscriptList(
      transcript,
      {
        cwd: this.workDir(),
        copy: (text) => this.copy(text),
        // A Playbook run's task session: its prompts are Maestro's own.
        playbookPrompts: () => [...store.runs.values()].some((run) => run.sessionIds.includes(sessionId)),
        diffStat: (turnId, path) => store.review.diffStat(sessionId, turnId, path),
        // Asked at each render: the session (and whether it is a host's) may come after the view.
        get canOpenDiff() {
          return !!view.diffOpener();
        },
        openDiff: (path) => view.diffOpener()?.(path),
        retryNow: () => void actions.retryNow(sessionId),
        reviewOutcome: (path) => store.review.outcome(sessionId, path),
        reviewRevision: () => store.review.revision,
        stop: () => void actions.cancel(sessionId),
      },
      () => scheduler.schedule(this.updateList),
    );
    this.prompt = new PromptBox((text) => actions.prompt(sessionId, text), () => void actions.cancel(sessionId), store.hostInfo?.settings.sendWith !== 'ctrlEnter');
    this.element = h(
      'section',
      { class: 'session-view', attrs: { 'aria-label': 'Session' } },
      h(
        'header',
        { class: 'session-header' },
        button('← Sessions', () => this.back(), { class: 'link-button', attrs: { 'aria-label': 'Back to sessions (Escape)', 'aria-keyshortcuts': 'Escape' } }),
        h('div', { class: 'session-heading' }, this.title, h('span', { class: 'session-badges' }, this.mode, this.status)),
        this.details,
        this.actionsBar,
        this.closeQuestion,
      ),
      this.loading,
      this.transcript.element,
      this.wait,
      this.cards,
      this.prompt.element,
    );
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.renaming) {
        event.preventDefault();
        this.back();
      }
    });
    this.render();
    scheduler.schedule(this.updateList);
  }

  /** A store change: re-render what depends on it at the next frame. */
  onChange(topic: string, sessionId?: string): void {
    if (sessionId !== undefined && sessionId !== this.sessionId) return;
    if (topic === 'transcript' || topic === 'review') this.scheduler.schedule(this.updateList);
    else if (['sessions', 'permissions', 'queue', 'host', 'server'].includes(topic)) this.scheduler.schedule(this.update);
  }

  setLoading(loading: boolean): void {
    setText(this.loading, loading ? 'Loading history…' : '');
    this.loading.hidden = !loading;
  }

  private session(): Session | undefined {
    return this.store.sessions.get(this.sessionId);
  }

  private copy(text: string): void {
    if (this.store.hostOffers(HostActions.CopyText)) void this.actions.hostAction(HostActions.CopyText, { text });
    else void navigator.clipboard?.writeText(text).catch(() => this.store.setNotice('Could not copy: the clipboard is not available here.'));
  }

  /** The session's files open as this machine's, or read-only from its host. */
  private diffOpener(): ((path: string) => void) | undefined {
    return fileOpener(this.store, this.actions, { cwd: this.workDir(), host: this.session()?.host }, true);
  }

  private workDir(): string {
    const session = this.session();
    return session?.worktree ?? session?.cwd ?? '';
  }

  private render(): void {
    const session = this.session();
    if (!this.renaming) setText(this.title, session?.name ?? this.sessionId);
    if (session) {
      const where = session.branch ? `${session.branch}${session.worktree ? ' (worktree)' : ''}` : session.cwd;
      setText(this.details, `${session.agentId} · ${where} · ${formatCost(session.usage.costUsd)}`);
      this.details.title = `${session.agentId} · ${session.worktree ?? session.cwd}${session.branch ? ` (${session.branch})` : ''}`;
      this.title.title = session.name;
      setText(this.mode, modeLabels[session.permissionMode] ?? session.permissionMode);
      this.mode.title = `Permissions: ${modeLabels[session.permissionMode] ?? session.permissionMode}`;
      this.mode.dataset.mode = session.permissionMode;
      const status = shownStatus(session.status, this.store.permissionsFor(this.sessionId).length > 0);
      // Waiting has its own mark (a still dot): a spinner would say it is working.
      this.status.className = `status status-${status}${isBusy(status) && status !== 'waiting' ? ' busy' : ''}`;
      setText(this.status, statusLabels[status]);
    }
    this.renderActions(session);
    this.renderCards();
    this.followWait(session);
    this.prompt.showQueued(this.store.queued.get(this.sessionId) ?? []);
    this.prompt.setState({ busy: session ? isBusy(session.status) : false, blocked: this.blockedReason(session) });
    const returned = this.store.takeReturnedPrompt(this.sessionId);
    if (returned !== undefined && !this.prompt.restore(returned)) this.store.setNotice(`This prompt was not sent: ${returned}`);
  }

  /** While a turn runs, ticks once a second and shows the wait once the transcript has been still for 10 s. */
  private followWait(session: Session | undefined): void {
    const running = session?.status === 'running' && this.store.permissionsFor(this.sessionId).length === 0;
    if (!running) {
      clearInterval(this.waitTimer);
      this.waitTimer = undefined;
      this.wait.hidden = true;
      return;
    }
    if (this.waitTimer) return;
    const tick = (): void => {
      if (!this.element.isConnected && this.waitTimer) {
        clearInterval(this.waitTimer);
        this.waitTimer = undefined;
        return;
      }
      const transcript = this.store.transcriptOf(this.sessionId);
      if (transcript.revision !== this.seenRevision) {
        // The first look takes the last event's own time (the view may open mid-wait); later moves are seen live.
        const last = transcript.rows.at(-1);
        this.movedAt = this.seenRevision < 0 && last ? Date.parse(last.time) : Date.now();
        this.seenRevision = transcript.revision;
      }
      const seconds = modelWaitSeconds(this.movedAt, Date.now());
      this.wait.hidden = seconds === undefined;
      if (seconds !== undefined) setText(this.wait, `Waiting for the model… ${formatElapsed(seconds)}`);
    };
    this.waitTimer = setInterval(tick, 1000);
    tick();
  }

  private blockedReason(session: Session | undefined): string | undefined {
    if (this.store.serverState !== 'ready') return 'Not connected to the Maestro server: your prompt stays here until it is back.';
    if (session?.status === 'closed') return 'This session is closed: start a new one to go on.';
    return undefined;
  }

  private renderActions(session: Session | undefined): void {
    if (this.renaming) return;
    const busy = session ? isBusy(session.status) : false;
    const closed = session?.status === 'closed';
    // Rebuild only when the set of buttons changes, so keyboard focus on a button survives status updates.
    const worktree = !!session?.worktree;
    const onHost = !!session?.host;
    const signature = `${busy}|${closed}|${worktree}|${onHost}|${this.store.hostInfo?.hostActions.join(',')}`;
    if (this.actionsBar.dataset.signature === signature) return;
    this.actionsBar.dataset.signature = signature;
    clear(this.actionsBar);
    // Cancel is the prompt box's button while a turn runs (it takes Send's place), so this bar never shifts.
    this.actionsBar.appendChild(button('Rename', () => this.startRename()));
    // A host's session is reviewed in the Review tab (its hunks come from the host); the editor's inline review is
    // for this machine's files.
    if (onHost && this.showReview) {
      const showReview = this.showReview;
      this.actionsBar.appendChild(button('Review changes', () => showReview(), { attrs: { title: 'The Review tab, with the hunks read from the host' } }));
    } else if (!onHost && this.store.hostOffers(HostActions.ReviewChanges)) {
      this.actionsBar.appendChild(button('Review changes', () => void this.actions.hostAction(HostActions.ReviewChanges, { cwd: this.workDir() })));
    }
    // This session's agent output (its stderr, kept by the server): VS Code opens a channel of its own; Rider its log.
    if (this.store.hostOffers(HostActions.ShowOutput)) this.actionsBar.appendChild(button('Output', () => void this.actions.hostAction(HostActions.ShowOutput, { sessionId: this.sessionId }), { attrs: { title: "This session's agent output" } }));
    // A worktree session's own actions, as the editor offers them (each asks first where it should).
    // A host's worktree is a folder there: no local window opens it.
    if (worktree) {
      const offered: [string, string, string][] = [
        [HostActions.OpenWorktreeInNewWindow, 'Open in new window', 'Open the worktree as a folder in a new editor window'],
        [HostActions.MergeWorktree, 'Merge into base', 'Merge the worktree’s branch into the base branch'],
        [HostActions.DeleteWorktree, 'Delete worktree', 'Delete the worktree folder (the branch and its commits stay)'],
      ];
      for (const [action, label, title] of offered) {
        if (this.store.hostOffers(action) && !(onHost && action === HostActions.OpenWorktreeInNewWindow)) this.actionsBar.appendChild(button(label, () => void this.actions.hostAction(action, { sessionId: this.sessionId }), { attrs: { title } }));
      }
    }
    if (!closed) this.actionsBar.appendChild(button('Close', () => this.close(), { attrs: { 'aria-label': 'Close the session' } }));
    if (closed) this.hideCloseQuestion();
  }

  /**
   * Close: a worktree session asks Keep / Delete worktree first, never keeping the folder silently. The editor asks
   * in its own way when it offers host/closeSession (VS Code's modal); otherwise the panel asks inline.
   */
  private close(): void {
    const session = this.session();
    if (!session?.worktree) {
      void this.actions.close(this.sessionId);
      return;
    }
    if (this.store.hostOffers(HostActions.CloseSession)) {
      void this.actions.hostAction(HostActions.CloseSession, { sessionId: this.sessionId });
      return;
    }
    this.showCloseQuestion(session);
  }

  private showCloseQuestion(session: Session): void {
    clear(this.closeQuestion);
    const answer = (removeWorktree: boolean) => async (): Promise<void> => {
      for (const b of this.closeQuestion.querySelectorAll('button')) b.disabled = true;
      const closed = await this.actions.close(this.sessionId, removeWorktree);
      // Refused (a worktree with changes not committed): the notice says why, and the question stays to keep it.
      if (closed) this.hideCloseQuestion();
      else for (const b of this.closeQuestion.querySelectorAll('button')) b.disabled = false;
    };
    const keep = button('Keep worktree', answer(false), { class: 'primary' });
    this.closeQuestion.append(
      h('div', { class: 'close-question-text', text: `Close ${session.name}: keep its worktree or delete it?` }),
      h('div', { class: 'hint', text: `${session.worktree}${session.branch ? ` (branch ${session.branch})` : ''}. Deleting removes the folder; the branch and its commits stay. A worktree with changes not committed is not deleted.` }),
      h('div', { class: 'toolbar' }, keep, button('Delete worktree', answer(true)), button('Cancel', () => this.hideCloseQuestion())),
    );
    this.closeQuestion.hidden = false;
    this.closeQuestion.onkeydown = (event) => {
      if (event.key !== 'Escape') return;
      // Escape leaves the question, not the session.
      event.preventDefault();
      event.stopPropagation();
      this.hideCloseQuestion();
    };
    keep.focus();
  }

  private hideCloseQuestion(): void {
    if (this.closeQuestion.hidden) return;
    const hadFocus = this.closeQuestion.contains(document.activeElement);
    this.closeQuestion.hidden = true;
    clear(this.closeQuestion);
    if (hadFocus) this.prompt.focus();
  }

  private startRename(): void {
    const current = this.session()?.name ?? '';
    const input = h('input', { class: 'rename-input', attrs: { type: 'text', 'aria-label': 'Session name' } });
    input.value = current;
    this.renaming = true;
    const finish = (save: boolean): void => {
      if (!this.renaming) return;
      this.renaming = false;
      const name = input.value.trim();
      if (save && name && name !== current) void this.actions.rename(this.sessionId, name);
      this.actionsBar.dataset.signature = '';
      this.render();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') finish(true);
      else if (event.key === 'Escape') {
        event.stopPropagation();
        finish(false);
      }
    });
    input.addEventListener('blur', () => finish(true));
    clear(this.title);
    this.title.appendChild(input);
    input.focus();
    input.select();
  }

  private renderCards(): void {
    const pending = this.store.permissionsFor(this.sessionId);
    const signature = pending.map((p) => `${p.requestId}:${p.chosenOptionId ?? ''}`).join('|');
    if (this.cards.dataset.signature === signature) return;
    this.cards.dataset.signature = signature;
    clear(this.cards);
    for (const permission of pending) {
      this.cards.appendChild(renderPermissionCard(permission, (optionId) => this.actions.answerPermission(permission.requestId, optionId), this.workDir()));
    }
  }
}

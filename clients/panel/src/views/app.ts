// The panel's shell: server state banner, notices, tabs (Sessions, Review, Runs, Chat, Stats) and the Sessions tab's pages
// (list, new-session form, an open session). Global shortcuts: "/" focuses the prompt, "n" starts a new session.
import { HostActions } from '../bridge/messages';
import type { Actions, NewSessionInput } from '../state/actions';
import type { Topic } from '../state/emitter';
import type { Store } from '../state/store';
import { ChatView } from './chatView';
import { button, clear, h, isTyping, setText } from './dom';
import { ReviewView } from './reviewView';
import { runsName } from '../state/runText';
import { RunsView } from './runsView';
import { renderDiscover } from './sessions/discoverView';
import type { Scheduler } from './scheduler';
import { SessionView } from './sessionView';
import { noAgentInstalled, renderAgentsWelcome } from './sessions/agentsWelcome';
import { carryFormState, firstChoice, focusedControl, renderNewSessionForm } from './sessions/newSessionForm';
import { SessionsList } from './sessions/sessionsList';
import { noFilter, type SessionFilter } from '../state/sessionGroups';
import { StatsView } from './stats/statsView';

type Tab = 'sessions' | 'review' | 'runs' | 'chat' | 'stats';
type SessionsPage = { kind: 'list' } | { kind: 'new' } | { kind: 'discover' } | { kind: 'session'; id: string };

const tabLabels: Record<Tab, string> = { sessions: 'Sessions', review: 'Review', runs: runsName, chat: 'Chat', stats: 'Stats' };

export class App {
  readonly element: HTMLElement;
  readonly sessionsList: SessionsList;
  private readonly banner: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();
  private readonly main: HTMLElement;
  private readonly listPage: HTMLElement;
  private readonly listToolbar: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly welcome: HTMLElement;
  private readonly runsView: RunsView;
  private readonly reviewView: ReviewView;
  private readonly chatView: ChatView;
  private readonly statsView: StatsView;
  private tab: Tab = 'sessions';
  private page: SessionsPage = { kind: 'list' };
  /** The list toolbar's filter: text, hide closed, show archived. */
  private filter: SessionFilter = { ...noFilter };
  private readonly filterBar: HTMLElement;
  sessionView: SessionView | undefined;
  /** The New Session form on screen, whose input a rebuild carries over; a form opened afresh starts empty. */
  private newSessionForm: HTMLFormElement | undefined;

  constructor(private readonly store: Store, private readonly actions: Actions, private readonly scheduler: Scheduler) {
    this.banner = h('div', { class: 'banner', attrs: { role: 'status' } });
    this.notice = h('div', { class: 'notice', attrs: { role: 'alert' } });
    const tabs = h('div', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Maestro' } });
    for (const tab of Object.keys(tabLabels) as Tab[]) {
      const b = h('button', { class: 'tab', text: tabLabels[tab], attrs: { type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': 'maestro-main' } });
      b.addEventListener('click', () => this.showTab(tab));
      this.tabButtons.set(tab, b);
      tabs.appendChild(b);
    }
    tabs.addEventListener('keydown', (event) => this.onTabKey(event));
    this.main = h('main', { class: 'main', attrs: { id: 'maestro-main', role: 'tabpanel' } });
    this.sessionsList = new SessionsList({
      open: (id) => this.openSession(id),
      archive: (id, archived) => void this.actions.archive(id, archived),
      remove: (id) => void this.actions.deleteSession(id),
    });
    this.listToolbar = h('div', { class: 'toolbar' });
    this.filterBar = this.renderFilterBar();
    this.emptyState = h('div', { class: 'empty', text: 'No sessions yet. Start one with New session (N).' });
    this.welcome = h('div', { class: 'welcome' });
    this.listPage = h('div', { class: 'list-page' }, this.welcome, this.listToolbar, this.filterBar, this.emptyState, this.sessionsList.element);
    this.runsView = new RunsView(store, actions, (id) => this.showSessionFromRun(id));
    this.reviewView = new ReviewView(store, actions);
    this.chatView = new ChatView(store, actions);
    this.statsView = new StatsView(store, actions);
    this.element = h('div', { class: 'maestro-app' }, this.banner, this.notice, tabs, this.main);
    // On the document: with nothing focused, keys go to the body, outside the app element.
    document.addEventListener('keydown', (event) => this.onGlobalKey(event));
    // First run: an agent installed in a terminal shows up when the user comes back to the panel.
    window.addEventListener('focus', () => {
      if (noAgentInstalled(this.store.agents)) void this.actions.loadAgents();
    });
    store.subscribe((topic, sessionId) => this.onChange(topic, sessionId));
    // Relative times ("3 min ago") move on while the list is shown.
    setInterval(() => {
      if (this.element.isConnected && this.tab === 'sessions' && this.page.kind === 'list') this.scheduler.schedule(this.listTask);
    }, 60_000);
    this.renderChrome();
    this.renderToolbar();
    this.showTab('sessions');
  }

  get currentPage(): SessionsPage {
    return this.page;
  }

  openSession(sessionId: string): void {
    this.sessionView = new SessionView(sessionId, this.store, this.actions, this.scheduler, () => this.showList(), () => this.showTab('review'));
    this.page = { kind: 'session', id: sessionId };
    const view = this.sessionView;
    view.setLoading(true);
    void this.actions.openTranscript(sessionId).finally(() => view.setLoading(false));
    this.renderMain();
    view.prompt.focus();
  }

  showList(): void {
    this.page = { kind: 'list' };
    this.sessionView = undefined;
    this.renderMain();
    this.renderList();
    this.sessionsList.focus();
  }

  /**
   * New session (the toolbar, "n", the editor's New Session command): the panel's one form in every host, so VS Code,
   * Rider and the phone offer the same Advanced step (name, worktree, permission mode, host).
   */
  startNewSession(): void {
    this.showForm();
  }

  /** The host's "New Session" command: the Sessions tab, on the form. */
  showNewSession(): void {
    this.showTab('sessions');
    this.showForm();
  }

  showForm(): void {
    this.page = { kind: 'new' };
    this.sessionView = undefined;
    this.newSessionForm = undefined;
    this.renderMain();
    // The Advanced step offers the hosts when there are any: asked once the form shows, rebuilt only if some came.
    const known = this.store.hostStates.size;
    void this.actions.loadHosts().then(() => {
      if (this.page.kind === 'new' && this.store.hostStates.size !== known) this.renderMain();
    });
  }

  private async createFromForm(input: NewSessionInput): Promise<void> {
    const session = await this.actions.createSession(input);
    if (session) this.openSession(session.id);
  }

  /** Discover: the agents' conversations on disk, to import. */
  showDiscover(): void {
    this.showTab('sessions');
    this.page = { kind: 'discover' };
    this.sessionView = undefined;
    this.renderMain();
    void this.actions.discoverSessions();
  }

  /** The start-a-run screen (the runs' Start button, or the host's "Run Playbook" with a playbook picked). */
  showStartRun(playbook?: string): void {
    this.showTab('runs');
    this.runsView.showStart(playbook);
  }

  /** A run's task row opens that task's session, in the Sessions tab. */
  private showSessionFromRun(sessionId: string): void {
    this.showTab('sessions');
    this.openSession(sessionId);
  }

  /** The Chat tab's create-room form (the editor's "New Group Chat" command). */
  showNewChat(): void {
    this.showTab('chat');
    this.chatView.showNewRoom();
  }

  /** Whether `tab` names one of the tabs (a host's showTab is not trusted to). */
  hasTab(tab: string): tab is Tab {
    return Object.hasOwn(tabLabels, tab);
  }

  showTab(tab: Tab): void {
    this.tab = tab;
    for (const [name, b] of this.tabButtons) {
      b.setAttribute('aria-selected', String(name === tab));
      b.tabIndex = name === tab ? 0 : -1;
    }
    this.main.setAttribute('aria-labelledby', `tab-${tab}`);
    if (tab === 'chat') this.chatView.shown();
    if (tab === 'review') this.reviewView.shown();
    if (tab === 'stats') this.statsView.shown();
    this.renderMain();
  }

  private renderMain(): void {
    // Read before the form leaves the page (the focus goes with it): a control the user moved the focus to keeps it
    // in the rebuilt form; where the panel put it, it follows the new form's first choice.
    const shown = this.page.kind === 'new' ? this.newSessionForm : undefined;
    const focused = shown ? focusedControl(shown) : undefined;
    const refocus = shown && focused !== (firstChoice(shown)?.getAttribute('name') ?? undefined) ? focused : undefined;
    clear(this.main);
    if (this.tab === 'review') {
      this.reviewView.render();
      this.main.appendChild(this.reviewView.element);
      return;
    }
    if (this.tab === 'runs') {
      this.runsView.render();
      this.main.appendChild(this.runsView.element);
      return;
    }
    if (this.tab === 'chat') {
      this.chatView.render();
      this.main.appendChild(this.chatView.element);
      return;
    }
    if (this.tab === 'stats') {
      this.main.appendChild(this.statsView.element);
      this.statsView.render();
      return;
    }
    if (this.page.kind === 'session' && this.sessionView) {
      this.main.appendChild(this.sessionView.element);
    } else if (this.page.kind === 'discover') {
      this.main.appendChild(renderDiscover(this.store.discover, this.actions, { back: () => this.showList(), openSession: (id) => this.openSession(id) }));
    } else if (this.page.kind === 'new') {
      const form = renderNewSessionForm(this.store.agents, this.store.hostInfo, (input) => void this.createFromForm(input), () => this.showList(), [...this.store.hostStates.keys()], (folder) => this.actions.repositoryOf(folder));
      const previous = this.newSessionForm;
      this.newSessionForm = form;
      if (previous) carryFormState(previous, form);
      this.main.appendChild(form);
      const first = (refocus && form.querySelector<HTMLElement>(`[name="${refocus}"]`)) || firstChoice(form);
      if (!previous) first?.setAttribute('autofocus', '');
      first?.focus();
    } else {
      this.renderList();
      this.main.appendChild(this.listPage);
    }
  }

  private renderList(): void {
    const sessions = this.store.sessionList();
    clear(this.welcome);
    const noAgent = noAgentInstalled(this.store.agents);
    if (noAgent) {
      this.welcome.appendChild(
        renderAgentsWelcome(this.store.agents, {
          offers: (action) => this.store.hostOffers(action),
          hostAction: (action, params) => void this.actions.hostAction(action, params),
          copy: (text) => this.copy(text),
          recheck: () => void this.actions.loadAgents(),
        }),
      );
    }
    this.welcome.hidden = !noAgent;
    const { hidden } = this.sessionsList.render(sessions, this.store.runs.values(), this.filter, new Date(), {
      waiting: this.store.waitingSessions(),
      hostStates: this.store.hostStates,
      workspaceFolders: this.store.hostInfo?.workspaceFolders,
    });
    setText(this.emptyState, sessions.length === 0 ? 'No sessions yet. Start one with New session (N).' : `No session matches: ${hidden} hidden by the filter.`);
    this.emptyState.hidden = hidden < sessions.length || noAgent;
    this.filterBar.hidden = sessions.length === 0;
  }

  /** Filter text, Hide closed and Show archived: kept while the panel lives, applied as they change. */
  private renderFilterBar(): HTMLElement {
    const text = h('input', { class: 'session-filter', attrs: { type: 'search', placeholder: 'Filter sessions', 'aria-label': 'Filter sessions by name, agent, branch or folder' } });
    text.addEventListener('input', () => {
      this.filter = { ...this.filter, text: text.value };
      this.renderList();
    });
    const toggle = (label: string, key: 'hideClosed' | 'showArchived'): HTMLElement => {
      const box = h('input', { attrs: { type: 'checkbox' } });
      box.addEventListener('change', () => {
        this.filter = { ...this.filter, [key]: box.checked };
        this.renderList();
      });
      return h('label', { class: 'filter-toggle' }, box, h('span', { text: label }));
    };
    return h('div', { class: 'filter-bar' }, text, toggle('Hide closed', 'hideClosed'), toggle('Show archived', 'showArchived'));
  }

  private copy(text: string): void {
    if (this.store.hostOffers(HostActions.CopyText)) void this.actions.hostAction(HostActions.CopyText, { text });
    else void navigator.clipboard?.writeText(text).catch(() => this.store.setNotice(`Copy this command: ${text}`));
  }

  private renderToolbar(): void {
    clear(this.listToolbar);
    this.listToolbar.appendChild(button('New session', () => this.startNewSession(), { class: 'primary', attrs: { 'aria-keyshortcuts': 'N' } }));
    this.listToolbar.appendChild(button('Discover…', () => this.showDiscover(), { attrs: { 'aria-label': 'Discover the agents’ sessions on disk, to import' } }));
    // No Refresh: the list follows sessions/changed and runs/progress live, and reloads after a reconnect.
  }

  private renderChrome(): void {
    const state = this.store.serverState;
    const text = state === 'ready' ? '' : `${{ starting: 'Starting the Maestro server…', restarting: 'The Maestro server is restarting…', stopped: 'The Maestro server stopped.' }[state]}${this.store.serverMessage ? ` ${this.store.serverMessage}` : ''}`;
    setText(this.banner, text);
    this.banner.hidden = !text;
    clear(this.notice);
    if (this.store.notice) {
      this.notice.appendChild(h('span', { text: this.store.notice }));
      this.notice.appendChild(button('Dismiss', () => this.store.setNotice(undefined), { class: 'link-button' }));
    }
    this.notice.hidden = !this.store.notice;
  }

  private onChange(topic: Topic, sessionId?: string): void {
    this.sessionView?.onChange(topic, sessionId);
    switch (topic) {
      case 'server':
      case 'notice':
        this.scheduler.schedule(this.chromeTask);
        break;
      case 'host':
        this.scheduler.schedule(this.toolbarTask);
        break;
      case 'sessions':
      case 'permissions':
        if (this.tab === 'sessions' && this.page.kind === 'list') this.scheduler.schedule(this.listTask);
        break;
      case 'agents':
        if (this.tab === 'sessions' && this.page.kind === 'new') this.scheduler.schedule(this.mainTask);
        if (this.tab === 'sessions' && this.page.kind === 'list') this.scheduler.schedule(this.listTask);
        // The start-a-run screen offers the agents.
        if (this.tab === 'runs') this.scheduler.schedule(this.runsTask);
        break;
      case 'runs':
        if (this.tab === 'runs') this.scheduler.schedule(this.runsTask);
        // The list nests task sessions under their run's row, which shows the run's progress.
        if (this.tab === 'sessions' && this.page.kind === 'list') this.scheduler.schedule(this.listTask);
        break;
      case 'chat':
        if (this.tab === 'chat') this.scheduler.schedule(this.chatTask);
        break;
      case 'stats':
        if (this.tab === 'stats') this.scheduler.schedule(this.statsTask);
        break;
      case 'discover':
        if (this.tab === 'sessions' && this.page.kind === 'discover') this.scheduler.schedule(this.mainTask);
        break;
      case 'review':
        if (this.tab === 'review') this.scheduler.schedule(this.reviewTask);
        this.updateReviewTab();
        break;
    }
  }

  private readonly chromeTask = (): void => this.renderChrome();
  private readonly toolbarTask = (): void => this.renderToolbar();
  private readonly listTask = (): void => this.renderList();
  private readonly mainTask = (): void => this.renderMain();
  private readonly runsTask = (): void => this.runsView.render();
  private readonly chatTask = (): void => this.chatView.render();
  private readonly statsTask = (): void => this.statsView.render();
  private readonly reviewTask = (): void => this.reviewView.render();

  /** The Review tab says how many agent hunks wait, so the inbox is noticed from any tab. */
  private updateReviewTab(): void {
    const pending = this.store.review.pendingHunks;
    setText(this.tabButtons.get('review')!, pending > 0 ? `Review (${pending})` : 'Review');
  }

  private onTabKey(event: KeyboardEvent): void {
    const tabs = [...this.tabButtons.keys()];
    const index = tabs.indexOf(this.tab);
    let next: Tab | undefined;
    if (event.key === 'ArrowRight') next = tabs[(index + 1) % tabs.length];
    else if (event.key === 'ArrowLeft') next = tabs[(index + tabs.length - 1) % tabs.length];
    if (!next) return;
    event.preventDefault();
    this.showTab(next);
    this.tabButtons.get(next)?.focus();
  }

  private onGlobalKey(event: KeyboardEvent): void {
    if (!this.element.isConnected || event.defaultPrevented || isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '/' && this.sessionView && this.tab === 'sessions') {
      event.preventDefault();
      this.sessionView.prompt.focus();
    } else if ((event.key === 'n' || event.key === 'N') && this.tab === 'sessions' && this.page.kind === 'list') {
      event.preventDefault();
      this.startNewSession();
    }
  }
}

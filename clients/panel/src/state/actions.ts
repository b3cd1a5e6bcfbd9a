// What the panel does: wires the bridge to the store and turns user intents into requests. Views call these and
// never await the server on the typing path.
import type {
  AgentsListResult, DiscoveredSession, GitStatusResult, HostListResult, PermissionMode, PermissionRequestParams, PlaybookInfo, PlaybookRunParams, PlaybooksListResult, ReviewAcceptResult, ReviewChangesResult, ReviewRejectResult, Run, RunsListResult, RunTasksResult,
  Session, SessionChangedNotification, SessionCreateParams, SessionDiscoverResult, SessionEventNotification, SessionEventsNotification, SessionListResult, ChatListResult,
  ChatCreateParams, ChatHistoryResult, ChatPostResult, Room,
  StatsGetParams, StatsLeaderboardResult, StatsResult, Worktree,
} from '../../../protocol/protocol';
import { ErrorCodes } from '../../../protocol/protocol';
import { isMixedHunk } from '../../../protocol/errors';
import { Methods } from '../../../protocol/protocol';
import type { HostBridge, ServerRequest } from '../bridge/hostBridge';
import { describeError, RpcError } from '../bridge/rpcError';
import { HistoryLoader } from './historyLoader';
import type { Decision, MixedQuestion } from './review';
import { byKey, localMidnight, maxChartAgents, statsDays, windowDays } from './stats';
import { discoveredKey, type Store } from './store';

/** What a review decision covers: hunks by id, or files by path (of one session). */
export interface ReviewTarget {
  cwd: string;
  selection: { hunkIds?: string[]; paths?: string[]; sessionId?: string };
  label: string;
  targets: { sessionId: string; path: string }[];
}

/** How long file-change events are collected before the review is read again. */
const reviewRefreshMs = 300;

export interface NewSessionInput {
  agentId: string;
  cwd: string;
  name?: string;
  branch?: string;
  permissionMode?: PermissionMode;
  /** A host (hosts/add) to run on; absent: this machine. */
  host?: string;
}

export class Actions {
  readonly history: HistoryLoader;
  private reviewTimer: ReturnType<typeof setTimeout> | undefined;
  /** The SSH host of each reviewed folder that is a host session's (review/* go there with host); this machine's folders are not in it. */
  private readonly reviewHosts = new Map<string, string>();

  constructor(private readonly bridge: HostBridge, private readonly store: Store) {
    this.history = new HistoryLoader((method, params) => bridge.request(method, params), store);
    bridge.addListener({
      hostInfo: (info) => store.setHostInfo(info),
      serverState: (state, message) => {
        store.setServerState(state, message);
        if (state === 'ready') void this.refresh();
      },
      notification: (method, params) => {
        for (const sessionId of store.applyNotification(method, params)) void this.history.fill(sessionId);
        if (touchesReview(method, params)) this.scheduleReviewRefresh();
        // A session on a host went offline or came back: the host's dot follows hosts/list.
        if (method === Methods.SessionsChanged && (params as SessionChangedNotification).session.host) void this.loadHosts();
      },
      serverRequest: (request) => this.onServerRequest(request),
      serverRequestSettled: (id) => store.removePermission(id),
    });
  }

  /** Loads (or reloads after a server restart) everything the views show. */
  async refresh(): Promise<void> {
    await Promise.all([this.loadSessions(), this.loadAgents(), this.loadRuns()]);
    // Rooms too, once the Chat tab was shown (a restarted server may have moved on); open rooms catch up.
    if (this.store.chat.state === 'ready') {
      void this.loadChat();
      for (const room of this.store.chatRooms.list()) if (this.store.chatRooms.followed(room.id)) void this.openRoom(room.id);
    }
    void this.loadReview();
    // Events may have been missed while the server was away: catch up open transcripts.
    for (const sessionId of this.store.transcripts.keys()) void this.history.fill(sessionId);
  }

  async loadSessions(): Promise<void> {
    await this.attempt(async () => {
      const result = await this.bridge.request<SessionListResult>(Methods.SessionsList, {});
      this.store.setSessions(result.sessions);
    });
    if (this.store.sessionList().some((s) => s.host)) void this.loadHosts();
  }

  /** The hosts' connection states for the list's dots; only asked once a session runs on a host. Quiet on failure
   * (a server without hosts): the dots then follow each session's own `offline` flag. */
  async loadHosts(): Promise<void> {
    try {
      const result = await this.bridge.request<HostListResult>(Methods.HostsList);
      this.store.setHostStates(result.hosts);
    } catch {
      // The list still shows the host groups, without the connection state.
    }
  }

  async loadAgents(): Promise<void> {
    await this.attempt(async () => {
      const result = await this.bridge.request<AgentsListResult>(Methods.AgentsList);
      this.store.setAgents(result.agents);
    });
  }

  async loadRuns(): Promise<void> {
    await this.attempt(async () => {
      const result = await this.bridge.request<RunsListResult>(Methods.RunsList, {});
      this.store.setRuns(result.runs);
    });
  }

  async loadChat(): Promise<void> {
    if (this.store.chat.state !== 'ready') this.store.setChat({ state: 'loading' });
    try {
      const result = await this.bridge.request<ChatListResult>(Methods.ChatList);
      this.store.chatRooms.setAll(result.rooms);
      this.store.setChat({ state: 'ready' });
    } catch (error) {
      if (error instanceof RpcError && error.isNotAvailable) {
        this.store.setChat({ state: 'unavailable', message: 'Group chat is not available in this server yet.' });
      } else {
        this.store.setChat({ state: 'error', message: describeError(error) });
      }
    }
  }

  /** Opens a room: its messages from chat/history (paged), after which chat/message keeps it live. */
  async openRoom(roomId: string): Promise<void> {
    const log = this.store.chatRooms.logOf(roomId);
    await this.attempt(async () => {
      let afterSeq = log.messages.at(-1)?.seq ?? 0;
      for (;;) {
        const page = await this.bridge.request<ChatHistoryResult>(Methods.ChatHistory, { roomId, afterSeq, limit: 500 });
        for (const message of page.messages) log.add(message);
        if (!page.hasMore || page.messages.length === 0) break;
        afterSeq = page.messages.at(-1)!.seq;
      }
      log.loaded = true;
    });
    this.store.emit('chat', roomId);
  }

  /** Posts to a room; the server refuses unknown aliases and empty or too long text, which the notice shows. */
  async postChat(roomId: string, text: string): Promise<boolean> {
    const result = await this.attempt(() => this.bridge.request<ChatPostResult>(Methods.ChatPost, { roomId, text }));
    return result !== undefined;
  }

  async cancelChat(roomId: string): Promise<void> {
    await this.attempt(() => this.bridge.request(Methods.ChatCancel, { roomId }));
  }

  async createRoom(params: ChatCreateParams): Promise<Room | undefined> {
    const room = await this.attempt(() => this.bridge.request<Room>(Methods.ChatCreate, params));
    if (room) {
      this.store.chatRooms.upsert(room);
      this.store.emit('chat', room.id);
    }
    return room;
  }

  /**
   * The Stats tab's numbers: the last days per agent and per day, each of the largest agents per day, today's
   * spend with the cost limits, and the leaderboard. A server without stats (-32601) is said to have none.
   */
  async loadStats(now = new Date()): Promise<void> {
    if (this.store.stats.state !== 'ready') this.store.setStats({ state: 'loading' });
    const get = (params: StatsGetParams): Promise<StatsResult> => this.bridge.request<StatsResult>(Methods.StatsGet, params);
    const since = localMidnight(now, statsDays - 1).toISOString();
    try {
      const [byAgent, byDay, today, leaderboard] = await Promise.all([
        get({ since, groupBy: 'agent' }),
        get({ since, groupBy: 'day' }),
        get({ since: localMidnight(now).toISOString() }),
        this.bridge.request<StatsLeaderboardResult>(Methods.StatsLeaderboard, { limit: 10 }),
      ]);
      const agents = byAgent.groups.map((g) => ({ agentId: g.key, totals: g.totals }));
      const drawn = agents.slice(0, maxChartAgents);
      const perAgent = await Promise.all(drawn.map((a) => get({ since, groupBy: 'day', agentId: a.agentId })));
      this.store.setStats({
        state: 'ready',
        loadedAt: now.getTime(),
        data: {
          days: windowDays(now),
          agents,
          perAgentDays: new Map(drawn.map((a, i) => [a.agentId, byKey(perAgent[i]!)])),
          allDays: byKey(byDay),
          today: today.totals,
          limits: today.limits ?? [],
          leaderboard,
        },
      });
    } catch (error) {
      if (error instanceof RpcError && error.isNotAvailable) {
        this.store.setStats({ state: 'unavailable', message: 'Usage stats are not available in this server yet.' });
      } else {
        this.store.setStats({ state: 'error', message: describeError(error) });
      }
    }
  }

  /**
   * Reads every session folder's pending agent hunks (and the host's workspace folders'). A folder that is no
   * repository has nothing to review; one whose read fails keeps its last answer.
   */
  async loadReview(): Promise<void> {
    const folders = new Set<string>(this.store.hostInfo?.workspaceFolders ?? []);
    for (const session of this.store.sessions.values()) {
      const folder = session.worktree ?? session.cwd;
      folders.add(folder);
      // A host's session works in a folder there: its hunks come from the host's daemon, and decisions go there.
      if (session.host) this.reviewHosts.set(folder, session.host);
    }
    await Promise.all(
      [...folders].map(async (cwd) => {
        try {
          const asOf = this.store.review.epoch;
          this.store.review.setFolder(cwd, await this.bridge.request<ReviewChangesResult>(Methods.ReviewChanges, { cwd, host: this.reviewHosts.get(cwd) }), asOf);
        } catch (error) {
          if (error instanceof RpcError && (error.code === ErrorCodes.NotARepository || error.isNotAvailable)) this.store.review.folders.delete(cwd);
        }
      }),
    );
    this.store.reviewChanged();
  }

  /** Keeps the agent's hunks (the server moves their baseline on; git's index is not touched). */
  async acceptReview(target: ReviewTarget): Promise<void> {
    await this.attempt(async () => {
      const result = await this.bridge.request<ReviewAcceptResult>(Methods.ReviewAccept, { cwd: target.cwd, host: this.reviewHosts.get(target.cwd), ...target.selection });
      if (result.decisionId) this.remember('accept', result.decisionId, target);
    });
    await this.loadReview();
  }

  /**
   * Takes the agent's lines back (the server writes the file; the panel has no editor to do it). A hunk the user
   * edited since is refused by the server naming what would be lost: the inbox then asks, and `confirm` retries.
   */
  async rejectReview(target: ReviewTarget, confirm = false): Promise<void> {
    this.store.review.ask(undefined);
    try {
      const result = await this.bridge.request<ReviewRejectResult>(Methods.ReviewReject, { cwd: target.cwd, host: this.reviewHosts.get(target.cwd), ...target.selection, confirm });
      if (result.decisionId) this.remember('reject', result.decisionId, target);
    } catch (error) {
      if (isMixedHunk(error)) {
        const question: MixedQuestion = { ...target, message: (error as Error).message };
        this.store.review.ask(question);
      } else {
        this.store.setNotice(describeError(error));
      }
    }
    await this.loadReview();
  }

  /** The inbox's answer to a MixedHunk question: reject anyway, losing the user's edit inside, or leave it. */
  async answerMixed(reject: boolean): Promise<void> {
    const question = this.store.review.question;
    this.store.review.ask(undefined);
    this.store.reviewChanged();
    if (question && reject) await this.rejectReview(question, true);
  }

  async undoReview(decision: Decision): Promise<void> {
    await this.attempt(async () => {
      await this.bridge.request(Methods.ReviewUndo, { cwd: decision.cwd, host: this.reviewHosts.get(decision.cwd), decisionId: decision.decisionId });
      this.store.review.markUndone(decision.decisionId);
    });
    await this.loadReview();
  }

  private remember(kind: 'accept' | 'reject', decisionId: string, target: ReviewTarget): void {
    this.store.review.addDecision({ decisionId, cwd: target.cwd, kind, label: target.label, targets: target.targets, undone: false });
  }

  private scheduleReviewRefresh(): void {
    clearTimeout(this.reviewTimer);
    this.reviewTimer = setTimeout(() => void this.loadReview(), reviewRefreshMs);
  }

  /** Opening a transcript loads its history; from then on live events for it are applied as they come. */
  openTranscript(sessionId: string): Promise<void> {
    this.bridge.sessionSelected(sessionId);
    this.store.transcriptOf(sessionId);
    return this.history.fill(sessionId).catch((error) => this.store.setNotice(`Could not load the transcript: ${describeError(error)}`));
  }

  async createSession(input: NewSessionInput): Promise<Session | undefined> {
    const params: SessionCreateParams = { agentId: input.agentId, cwd: input.cwd };
    if (input.name) params.name = input.name;
    if (input.branch) params.worktree = { branch: input.branch };
    if (input.permissionMode) params.permissionMode = input.permissionMode;
    if (input.host) params.host = input.host;
    const worktreeFolder = this.store.hostInfo?.settings.worktreeFolder;
    return this.attempt(async () => {
      if (input.branch && worktreeFolder && !input.host) {
        // The editor's worktree folder: the server places worktrees beside the repository, so create it there first.
        const worktree = await this.bridge.request<Worktree>(Methods.WorktreesCreate, { repo: input.cwd, branch: input.branch, path: `${worktreeFolder.replace(/\/+$/, '')}/${input.branch}` });
        params.cwd = worktree.path;
        delete params.worktree;
      }
      const session = await this.bridge.request<Session>(Methods.SessionsCreate, params);
      this.store.upsertSession(session);
      return session;
    });
  }

  /**
   * A folder's repository, for the New Session form to say where a worktree goes and from which branch. Quiet on
   * failure (not a repository, an older server): the form then names the folder and "the current HEAD".
   */
  async repositoryOf(cwd: string): Promise<{ root: string; branch?: string } | undefined> {
    try {
      const status = await this.bridge.request<GitStatusResult>(Methods.GitStatus, { cwd });
      return { root: status.root, branch: status.branch ?? undefined };
    } catch {
      return undefined;
    }
  }

  /** Sends a prompt without waiting: the request only answers when the turn ends. The chip shows it queued. */
  prompt(sessionId: string, text: string): void {
    const queued = this.store.enqueuePrompt(sessionId, text);
    // A session nobody named is named from this first prompt by the server (sessions/changed tells every client).
    this.bridge.request(Methods.SessionsPrompt, { sessionId, text }).then(
      () => {
        this.store.removeQueued(sessionId, queued.localId);
        // A prompt that went through fixes the notice of one that did not.
        if (this.store.notice?.startsWith('The prompt was not sent')) this.store.setNotice(undefined);
      },
      (error) => {
        this.store.removeQueued(sessionId, queued.localId);
        // Never lost: the text goes back into the box to send again.
        this.store.returnPrompt(sessionId, text);
        this.store.setNotice(`The prompt was not sent (it is back in the box): ${describeError(error)}`, this.causeOf(error));
      },
    );
  }

  /** Ends a provider outage's wait: the server resends the prompt now. */
  retryNow(sessionId: string): Promise<void> {
    return this.attempt(() => this.bridge.request(Methods.SessionsRetryNow, { sessionId }));
  }

  cancel(sessionId: string): Promise<void> {
    return this.attempt(() => this.bridge.request(Methods.SessionsCancel, { sessionId }));
  }

  /**
   * Closes a session; a worktree session's folder goes with it when `removeWorktree` (the server refuses a worktree
   * with changes not committed, naming the files: the notice says so). True when the session was closed.
   */
  async close(sessionId: string, removeWorktree?: boolean): Promise<boolean> {
    const params = removeWorktree === undefined ? { sessionId } : { sessionId, removeWorktree };
    const done = await this.attempt(async () => {
      await this.bridge.request(Methods.SessionsClose, params);
      return true;
    });
    return done === true;
  }

  async rename(sessionId: string, name: string): Promise<void> {
    await this.attempt(async () => this.store.upsertSession(await this.bridge.request<Session>(Methods.SessionsRename, { sessionId, name })));
  }

  async archive(sessionId: string, archived: boolean): Promise<void> {
    await this.attempt(async () => this.store.upsertSession(await this.bridge.request<Session>(Methods.SessionsArchive, { sessionId, archived })));
  }

  /** Deletes a closed session and its transcript; every client hears of it through sessions/changed. */
  async deleteSession(sessionId: string): Promise<void> {
    await this.attempt(async () => {
      await this.bridge.request(Methods.SessionsDelete, { sessionId });
      this.store.removeSession(sessionId);
    });
  }

  /**
   * The playbooks of every folder the host has open (workspace folders, else the sessions' folders), for the
   * start-a-run screen. A folder that cannot be listed is named, the others still shown.
   */
  async loadPlaybooks(target?: { host: string; cwd: string }): Promise<void> {
    if (target) {
      // On an SSH host: one folder there (the host's default, or what the user typed), listed by the host's daemon.
      if (!target.cwd) {
        this.store.setPlaybooks({ state: 'ready', playbooks: [], problems: [`${target.host} has no default folder: type a folder there to look for playbooks in.`], host: target.host, folder: '' });
        return;
      }
      this.store.setPlaybooks({ state: 'loading' });
      try {
        const { playbooks } = await this.bridge.request<PlaybooksListResult>(Methods.PlaybooksList, { cwd: target.cwd, host: target.host });
        this.store.setPlaybooks({ state: 'ready', playbooks, problems: [], host: target.host, folder: target.cwd });
      } catch (error) {
        this.store.setPlaybooks({ state: 'ready', playbooks: [], problems: [`Could not list the playbooks of ${target.cwd} on ${target.host}: ${describeError(error)}`], host: target.host, folder: target.cwd });
      }
      return;
    }
    if (this.store.playbooks.state !== 'ready' || this.store.playbooks.host) this.store.setPlaybooks({ state: 'loading' });
    const hostFolders = this.store.hostInfo?.workspaceFolders ?? [];
    const folders = hostFolders.length > 0 ? hostFolders : [...new Set([...this.store.sessions.values()].map((s) => s.cwd))];
    const playbooks: PlaybookInfo[] = [];
    const problems: string[] = [];
    await Promise.all(
      folders.map(async (cwd) => {
        try {
          playbooks.push(...(await this.bridge.request<PlaybooksListResult>(Methods.PlaybooksList, { cwd })).playbooks);
        } catch (error) {
          problems.push(`Could not list the playbooks of ${cwd}: ${describeError(error)}`);
        }
      }),
    );
    playbooks.sort((a, b) => a.path.localeCompare(b.path));
    this.store.setPlaybooks({ state: 'ready', playbooks, problems });
  }

  /** The SSH hosts a run can go to (hosts/list); none when the server has no hosts or cannot list them. */
  async loadRunHosts(): Promise<void> {
    try {
      this.store.setRunHosts((await this.bridge.request<HostListResult>(Methods.HostsList)).hosts);
    } catch {
      this.store.setRunHosts([]);
    }
  }

  /** Starts a run; the run's progress notifications keep it up to date from then on. */
  async startRun(params: PlaybookRunParams): Promise<Run | undefined> {
    const run = await this.attempt(() => this.bridge.request<Run>(Methods.PlaybooksRun, params));
    if (run) this.store.setRun(run);
    return run;
  }

  /** The agents' conversations on disk that are not Maestro sessions yet (of the host's folders, or anywhere). */
  async discoverSessions(): Promise<void> {
    this.store.setDiscover({ state: 'loading' });
    const folders = this.store.hostInfo?.workspaceFolders ?? [];
    try {
      const answers = await Promise.all(
        folders.length > 0
          ? folders.map((cwd) => this.bridge.request<SessionDiscoverResult>(Methods.SessionsDiscover, { cwd }))
          : [this.bridge.request<SessionDiscoverResult>(Methods.SessionsDiscover, {})],
      );
      const found = answers.flatMap((a) => a.found).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
      this.store.setDiscover({ state: 'ready', found, imported: new Map() });
    } catch (error) {
      this.store.setDiscover({ state: 'error', message: describeError(error) });
    }
  }

  /** Imports one discovered conversation as a Maestro session, to open and go on with. */
  async importSession(found: DiscoveredSession): Promise<Session | undefined> {
    const session = await this.attempt(() => this.bridge.request<Session>(Methods.SessionsImport, { agentId: found.agentId, agentSessionId: found.agentSessionId }));
    if (!session) return undefined;
    this.store.upsertSession(session);
    const discover = this.store.discover;
    if (discover.state === 'ready') {
      discover.imported.set(discoveredKey(found), session.id);
      this.store.setDiscover(discover);
    }
    return session;
  }

  /**
   * Every task of a run with its state and attempts (runs/tasks), for the run's page. A server without runs/tasks
   * (an older one, or a host running one) leaves the page listing the run's sessions instead.
   */
  async loadRunTasks(runId: string): Promise<void> {
    try {
      this.store.setRunTasks(runId, (await this.bridge.request<RunTasksResult>(Methods.RunsTasks, { runId })).tasks);
    } catch (error) {
      if (error instanceof RpcError && error.code === ErrorCodes.MethodNotFound) this.store.setRunTasks(runId, 'unavailable');
      else this.store.setNotice(describeError(error));
    }
  }

  stopRun(runId: string): Promise<void> {
    return this.attempt(() => this.bridge.request(Methods.RunsStop, { runId }));
  }

  /** Approves the HITL gate a run waits at (the server ticks the task below it); the run's progress follows. */
  approveRun(runId: string): Promise<void> {
    return this.attempt(async () => {
      this.store.setRun(await this.bridge.request<Run>(Methods.RunsApprove, { runId }));
    });
  }

  answerPermission(requestId: string | number, optionId: string): void {
    this.store.choosePermission(requestId, optionId);
    this.bridge.respond(requestId, { optionId });
    this.store.removePermission(requestId);
  }

  /** A `host/` action such as host/openDiff; only offered when hostInfo lists it. */
  hostAction(action: string, params?: unknown): Promise<void> {
    return this.attempt(() => this.bridge.request(action, params));
  }

  private onServerRequest(request: ServerRequest): void {
    if (request.method === Methods.PermissionsRequest) {
      this.store.addPermission(request.id, request.params as PermissionRequestParams);
      return;
    }
    // No other server->client request exists in protocol 1.0; answer so the server never waits on us.
    this.bridge.respond(request.id, null);
  }

  /** Runs a request, turning a failure into a notice the user sees instead of an unhandled rejection. */
  private async attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.store.setNotice(describeError(error), this.causeOf(error));
      return undefined;
    }
  }

  /** A failure because the server was away (its notice clears when the server is back), or anything else. */
  private causeOf(error: unknown): 'connection' | undefined {
    if (this.store.serverState !== 'ready') return 'connection';
    return /Maestro server is (not running|restarting|stopped)/i.test(describeError(error)) ? 'connection' : undefined;
  }
}

/**
 * Whether a notification can change what waits for review: a file change or the end of a turn (when the server
 * records the turn's changes) in any session, a review/changed of a folder, a new session's folder.
 */
function touchesReview(method: string, params: unknown): boolean {
  if (method === Methods.ReviewChanged) return true;
  const events =
    method === Methods.SessionsEvent ? [params as SessionEventNotification] : method === Methods.SessionsEvents ? (params as SessionEventsNotification).events : [];
  return events.some((e) => e.event.type === 'fileChange' || (e.event.type === 'status' && e.event.status !== 'running'));
}

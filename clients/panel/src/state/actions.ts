// What the panel does: wires the bridge to the store and turns user intents into requests. Views call these and
// never await the server on the typing path.
import type {
  AgentsListResult, PermissionMode, PermissionRequestParams, RunsListResult, Session, SessionCreateParams,
  SessionListResult, ChatListResult,
} from '../../../protocol/protocol';
import { Methods } from '../../../protocol/protocol';
import type { HostBridge, ServerRequest } from '../bridge/hostBridge';
import { HostActions } from '../bridge/messages';
import { describeError, RpcError } from '../bridge/rpcError';
import { HistoryLoader } from './historyLoader';
import type { Store } from './store';

export interface NewSessionInput {
  agentId: string;
  cwd: string;
  name?: string;
  branch?: string;
  permissionMode?: PermissionMode;
}

export class Actions {
  readonly history: HistoryLoader;

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
      },
      serverRequest: (request) => this.onServerRequest(request),
      serverRequestSettled: (id) => store.removePermission(id),
    });
  }

  /** Loads (or reloads after a server restart) everything the views show. */
  async refresh(): Promise<void> {
    await Promise.all([this.loadSessions(), this.loadAgents(), this.loadRuns()]);
    // Events may have been missed while the server was away: catch up open transcripts.
    for (const sessionId of this.store.transcripts.keys()) void this.history.fill(sessionId);
  }

  async loadSessions(): Promise<void> {
    await this.attempt(async () => {
      const result = await this.bridge.request<SessionListResult>(Methods.SessionsList, {});
      this.store.setSessions(result.sessions);
    });
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
    this.store.setChat({ state: 'loading' });
    try {
      const result = await this.bridge.request<ChatListResult>(Methods.ChatList);
      this.store.setChat({ state: 'ready', rooms: result.rooms });
    } catch (error) {
      if (error instanceof RpcError && error.isNotAvailable) {
        this.store.setChat({ state: 'unavailable', message: 'Group chat is not available in this server yet.' });
      } else {
        this.store.setChat({ state: 'error', message: describeError(error) });
      }
    }
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
    return this.attempt(async () => {
      const session = await this.bridge.request<Session>(Methods.SessionsCreate, params);
      this.store.upsertSession(session);
      return session;
    });
  }

  /** Sends a prompt without waiting: the request only answers when the turn ends. The chip shows it queued. */
  prompt(sessionId: string, text: string): void {
    const queued = this.store.enqueuePrompt(sessionId, text);
    this.bridge.request(Methods.SessionsPrompt, { sessionId, text }).then(
      () => this.store.removeQueued(sessionId, queued.localId),
      (error) => {
        this.store.removeQueued(sessionId, queued.localId);
        this.store.setNotice(`The prompt failed: ${describeError(error)}`);
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

  close(sessionId: string): Promise<void> {
    return this.attempt(() => this.bridge.request(Methods.SessionsClose, { sessionId }));
  }

  async rename(sessionId: string, name: string): Promise<void> {
    await this.attempt(async () => this.store.upsertSession(await this.bridge.request<Session>(Methods.SessionsRename, { sessionId, name })));
  }

  stopRun(runId: string): Promise<void> {
    return this.attempt(() => this.bridge.request(Methods.RunsStop, { runId }));
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

  newSessionInHost(): Promise<void> {
    return this.hostAction(HostActions.NewSession);
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
      this.store.setNotice(describeError(error));
      return undefined;
    }
  }
}

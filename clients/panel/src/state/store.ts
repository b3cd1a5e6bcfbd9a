// Everything the panel knows, fed by server notifications and request results. Holds no connection itself:
// actions.ts asks the server and hands the answers here.
import type {
  AgentInfo, BudgetWarningNotification, HostState, ChatChangedNotification, ChatMessageNotification, DiscoveredSession, PermissionRequestParams, HostInfo as SshHost, PlaybookInfo, Run, RunProgressNotification, RunTaskEntry, Session, SessionChangedNotification,
  SessionEventNotification, SessionEventsNotification,
} from '../../../protocol/protocol';
import { Methods } from '../../../protocol/protocol';
import type { HostInfo, ServerState } from '../bridge/messages';
import { ChatRooms } from './chatRooms';
import { Emitter } from './emitter';
import { ReviewInbox } from './review';
import { addWarning, type StatsState } from './stats';
import { Transcript } from './transcript';

/** A live `permissions/request` from the server, waiting for the user (or settled, briefly kept to show it). */
export interface PendingPermission {
  requestId: string | number;
  params: PermissionRequestParams;
  chosenOptionId?: string;
}

/** A prompt this panel sent whose turn has not started yet. */
export interface QueuedPrompt {
  localId: number;
  text: string;
}

export type ChatState =
  | { state: 'idle' | 'loading' }
  | { state: 'unavailable'; message: string }
  | { state: 'ready' }
  | { state: 'error'; message: string };

/** The playbooks of the host's folders (playbooks/list), loaded when the start-a-run screen opens. */
export type PlaybooksState =
  | { state: 'idle' | 'loading' }
  | { state: 'ready'; playbooks: PlaybookInfo[]; problems: string[]; host?: string; folder?: string }
  | { state: 'error'; message: string };

/** The agents' conversations on disk (sessions/discover), loaded when the Discover page opens. */
export type DiscoverState =
  | { state: 'idle' | 'loading' }
  | { state: 'ready'; found: DiscoveredSession[]; imported: Map<string, string> }
  | { state: 'error'; message: string };

/** One discovered conversation's key (the import's answer is filed under it). */
export function discoveredKey(found: { agentId: string; agentSessionId: string }): string {
  return `${found.agentId}:${found.agentSessionId}`;
}

export class Store extends Emitter {
  hostInfo: HostInfo | undefined;
  /** Until a host says otherwise (not every host reports server state), assume the server answers. */
  serverState: ServerState = 'ready';
  serverMessage: string | undefined;
  readonly sessions = new Map<string, Session>();
  agents: AgentInfo[] = [];
  readonly runs = new Map<string, Run>();
  /** hosts/list's connection state per host name (issue 24), for the list's online/offline dots; empty without hosts. */
  readonly hostStates = new Map<string, HostState>();
  /** The last progress message per run ("task failed: ..."), for people. */
  readonly runMessages = new Map<string, string>();
  /** runs/tasks of the runs whose page was opened, refreshed on their runs/progress; 'unavailable' when the server has no runs/tasks. */
  readonly runTasks = new Map<string, RunTaskEntry[] | 'unavailable'>();
  chat: ChatState = { state: 'idle' };
  playbooks: PlaybooksState = { state: 'idle' };
  /** The SSH hosts (hosts/list) the start-a-run screen offers to run on, loaded when it opens. */
  runHosts: SshHost[] = [];
  discover: DiscoverState = { state: 'idle' };
  /** Rooms and the messages of the rooms opened in the Chat tab. */
  readonly chatRooms = new ChatRooms();
  /** The Stats tab: loaded when shown, again on a budget warning. */
  stats: StatsState = { state: 'idle' };
  /** stats/budgetWarning notifications of this connection, the latest per limit. */
  budgetWarnings: BudgetWarningNotification[] = [];
  readonly permissions = new Map<string | number, PendingPermission>();
  /** Only sessions whose transcript was opened: others are not followed event by event. */
  readonly transcripts = new Map<string, Transcript>();
  readonly queued = new Map<string, QueuedPrompt[]>();
  /** Every session's pending agent hunks and this panel's review decisions (the Review tab). */
  readonly review = new ReviewInbox();
  /** Prompts the server did not take (it was down, or refused), to put back into their session's box. */
  private readonly returnedPrompts = new Map<string, string>();
  /** The latest error worth telling the user about (a failed request), cleared when dismissed. */
  notice: string | undefined;

  setHostInfo(info: HostInfo): void {
    this.hostInfo = info;
    this.emit('host');
  }

  hostOffers(action: string): boolean {
    return this.hostInfo?.hostActions.includes(action) ?? false;
  }

  setServerState(state: ServerState, message?: string): void {
    this.serverState = state;
    this.serverMessage = message;
    this.emit('server');
    // The server is back: what failed because it was away is fixed, and its notice goes.
    if (state === 'ready' && this.noticeCause === 'connection') this.setNotice(undefined);
  }

  /** Why the notice shows: 'connection' when it failed because the server was away (cleared when it is back). */
  noticeCause: 'connection' | undefined;

  /** One notice at a time: the same message again does not show twice, a new one replaces it. */
  setNotice(message: string | undefined, cause?: 'connection'): void {
    if (message === this.notice && cause === this.noticeCause) return;
    this.notice = message;
    this.noticeCause = message === undefined ? undefined : cause;
    this.emit('notice');
  }

  /** Newest first, as sessions/list answers. */
  sessionList(): Session[] {
    return [...this.sessions.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  setSessions(sessions: Session[]): void {
    this.sessions.clear();
    for (const session of sessions) this.sessions.set(session.id, session);
    this.emit('sessions');
  }

  upsertSession(session: Session): void {
    this.sessions.set(session.id, session);
    this.emit('sessions', session.id);
  }

  /** A prompt that failed goes back to its box (never lost); the session view takes it on its next render. */
  returnPrompt(sessionId: string, text: string): void {
    const earlier = this.returnedPrompts.get(sessionId);
    this.returnedPrompts.set(sessionId, earlier ? `${earlier}\n\n${text}` : text);
    this.emit('queue', sessionId);
  }

  takeReturnedPrompt(sessionId: string): string | undefined {
    const text = this.returnedPrompts.get(sessionId);
    this.returnedPrompts.delete(sessionId);
    return text;
  }

  /** A session deleted (sessions/delete, here or in another client): forgotten with its transcript and queue. */
  removeSession(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.transcripts.delete(sessionId);
    this.queued.delete(sessionId);
    this.emit('sessions', sessionId);
  }

  setHostStates(hosts: readonly { name: string; state: HostState }[]): void {
    this.hostStates.clear();
    for (const host of hosts) this.hostStates.set(host.name, host.state);
    this.emit('sessions');
  }

  /** Sessions with a permission request waiting for an answer: shown as "Waiting for you" wherever they appear. */
  waitingSessions(): Set<string> {
    return new Set([...this.permissions.values()].filter((p) => p.chosenOptionId === undefined).map((p) => p.params.sessionId));
  }

  setAgents(agents: AgentInfo[]): void {
    this.agents = agents;
    this.emit('agents');
  }

  setRuns(runs: Run[]): void {
    this.runs.clear();
    for (const run of runs) this.runs.set(run.id, run);
    this.emit('runs');
  }

  /** One run as a request answered it (runs/approve), between its progress notifications. */
  setRun(run: Run): void {
    this.runs.set(run.id, run);
    this.emit('runs');
  }

  /** A run's tasks as runs/tasks answered them. */
  setRunTasks(runId: string, tasks: RunTaskEntry[] | 'unavailable'): void {
    this.runTasks.set(runId, tasks);
    this.emit('runs');
  }

  setRunHosts(hosts: SshHost[]): void {
    this.runHosts = hosts;
    this.emit('runs');
  }

  setPlaybooks(playbooks: PlaybooksState): void {
    this.playbooks = playbooks;
    this.emit('runs');
  }

  setDiscover(discover: DiscoverState): void {
    this.discover = discover;
    this.emit('discover');
  }

  setChat(chat: ChatState): void {
    this.chat = chat;
    this.emit('chat');
  }

  setStats(stats: StatsState): void {
    this.stats = stats;
    this.emit('stats');
  }

  transcriptOf(sessionId: string): Transcript {
    let transcript = this.transcripts.get(sessionId);
    if (!transcript) {
      transcript = new Transcript(sessionId);
      this.transcripts.set(sessionId, transcript);
    }
    return transcript;
  }

  /** Applies stored events (live or from history); returns the ids of sessions left with a gap to fill. */
  applyEvents(events: readonly SessionEventNotification[]): Set<string> {
    const gaps = new Set<string>();
    const touched = new Set<string>();
    for (const notification of events) {
      const transcript = this.transcripts.get(notification.sessionId);
      if (!transcript) continue;
      const outcome = transcript.apply(notification);
      if (outcome === 'duplicate') continue;
      touched.add(notification.sessionId);
      if (notification.event.type === 'prompt') this.dequeuePrompt(notification.sessionId, notification.event.text);
      if (outcome === 'gap') gaps.add(notification.sessionId);
    }
    for (const sessionId of touched) this.emit('transcript', sessionId);
    for (const sessionId of gaps) if (!this.transcripts.get(sessionId)?.hasGap) gaps.delete(sessionId);
    return gaps;
  }

  /** A server notification, forwarded as is by the host. Returns sessions with a gap to fill. */
  applyNotification(method: string, params: unknown): Set<string> {
    switch (method) {
      case Methods.SessionsEvent:
        return this.applyEvents([params as SessionEventNotification]);
      case Methods.SessionsEvents:
        return this.applyEvents((params as SessionEventsNotification).events);
      case Methods.SessionsChanged: {
        const changed = params as SessionChangedNotification;
        if (changed.deleted) this.removeSession(changed.session.id);
        else this.upsertSession(changed.session);
        break;
      }
      case Methods.RunsProgress: {
        const progress = params as RunProgressNotification;
        this.runs.set(progress.run.id, progress.run);
        if (progress.message) this.runMessages.set(progress.run.id, progress.message);
        this.emit('runs');
        break;
      }
      case Methods.StatsBudgetWarning:
        this.budgetWarnings = addWarning(this.budgetWarnings, params as BudgetWarningNotification);
        this.emit('stats');
        break;
      case Methods.ChatMessage: {
        const { roomId, message } = params as ChatMessageNotification;
        const room = this.chatRooms.get(roomId);
        if (room && room.lastSeq < message.seq) this.chatRooms.upsert({ ...room, lastSeq: message.seq });
        this.chatRooms.followed(roomId)?.add(message);
        this.emit('chat', roomId);
        break;
      }
      case Methods.ChatChanged: {
        const { room } = params as ChatChangedNotification;
        this.chatRooms.upsert(room);
        this.emit('chat', room.id);
        break;
      }
    }
    return new Set();
  }

  /** The review inbox changed (read again, a decision, a question). */
  reviewChanged(): void {
    this.emit('review');
  }

  addPermission(requestId: string | number, params: PermissionRequestParams): void {
    this.permissions.set(requestId, { requestId, params });
    this.emit('permissions', params.sessionId);
  }

  choosePermission(requestId: string | number, optionId: string): void {
    const pending = this.permissions.get(requestId);
    if (!pending) return;
    pending.chosenOptionId = optionId;
    this.emit('permissions', pending.params.sessionId);
  }

  /** Answered here or elsewhere: the transcript's permissionRequest event keeps the record. */
  removePermission(requestId: string | number): void {
    const pending = this.permissions.get(requestId);
    if (!pending) return;
    this.permissions.delete(requestId);
    this.emit('permissions', pending.params.sessionId);
  }

  permissionsFor(sessionId: string): PendingPermission[] {
    return [...this.permissions.values()].filter((p) => p.params.sessionId === sessionId);
  }

  private nextLocalId = 1;

  enqueuePrompt(sessionId: string, text: string): QueuedPrompt {
    const prompt = { localId: this.nextLocalId++, text };
    this.queued.set(sessionId, [...(this.queued.get(sessionId) ?? []), prompt]);
    this.emit('queue', sessionId);
    return prompt;
  }

  removeQueued(sessionId: string, localId: number): void {
    const list = this.queued.get(sessionId);
    if (!list?.some((p) => p.localId === localId)) return;
    this.queued.set(sessionId, list.filter((p) => p.localId !== localId));
    this.emit('queue', sessionId);
  }

  /** The turn of a prompt started (its `prompt` event arrived): it is no longer queued. */
  private dequeuePrompt(sessionId: string, text: string): void {
    const list = this.queued.get(sessionId);
    if (!list?.length) return;
    const index = list.findIndex((p) => p.text === text);
    if (index < 0) return;
    this.queued.set(sessionId, list.filter((_, i) => i !== index));
    this.emit('queue', sessionId);
  }
}

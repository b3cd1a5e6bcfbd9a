// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
/* eslint-disable */

export const PROTOCOL_VERSION = '1.0';

export const Methods = {
  Initialize: 'initialize',
  Shutdown: 'shutdown',
  Exit: 'exit',
  CancelRequest: '$/cancelRequest',
  AgentsList: 'agents/list',
  SessionsCreate: 'sessions/create',
  SessionsList: 'sessions/list',
  SessionsGet: 'sessions/get',
  SessionsPrompt: 'sessions/prompt',
  SessionsCancel: 'sessions/cancel',
  SessionsRetryNow: 'sessions/retryNow',
  SessionsHistory: 'sessions/history',
  SessionsClose: 'sessions/close',
  SessionsRename: 'sessions/rename',
  SessionsConfigure: 'sessions/configure',
  SessionsArchive: 'sessions/archive',
  SessionsDelete: 'sessions/delete',
  SessionsDiscover: 'sessions/discover',
  SessionsImport: 'sessions/import',
  SessionsOutput: 'sessions/output',
  SessionsEvent: 'sessions/event',
  SessionsEvents: 'sessions/events',
  SessionsChanged: 'sessions/changed',
  SessionsOutputAppended: 'sessions/outputAppended',
  PermissionsRequest: 'permissions/request',
  GitStatus: 'git/status',
  GitLog: 'git/log',
  GitBranches: 'git/branches',
  WorktreesList: 'worktrees/list',
  WorktreesCreate: 'worktrees/create',
  WorktreesRemove: 'worktrees/remove',
  WorktreesPrune: 'worktrees/prune',
  WorktreesMerge: 'worktrees/merge',
  FilesRead: 'files/read',
  ReviewChanges: 'review/changes',
  ReviewAccept: 'review/accept',
  ReviewReject: 'review/reject',
  ReviewStage: 'review/stage',
  ReviewUndo: 'review/undo',
  ReviewChanged: 'review/changed',
  PlaybooksList: 'playbooks/list',
  PlaybooksRun: 'playbooks/run',
  RunsList: 'runs/list',
  RunsGet: 'runs/get',
  RunsStop: 'runs/stop',
  RunsTasks: 'runs/tasks',
  RunsProgress: 'runs/progress',
  RunsApprove: 'runs/approve',
  ChatCreate: 'chat/create',
  ChatList: 'chat/list',
  ChatGet: 'chat/get',
  ChatHistory: 'chat/history',
  ChatPost: 'chat/post',
  ChatCancel: 'chat/cancel',
  ChatAddParticipant: 'chat/addParticipant',
  ChatRemoveParticipant: 'chat/removeParticipant',
  ChatClose: 'chat/close',
  ChatMessage: 'chat/message',
  ChatChanged: 'chat/changed',
  StatsGet: 'stats/get',
  StatsLeaderboard: 'stats/leaderboard',
  StatsExport: 'stats/export',
  StatsBudgetWarning: 'stats/budgetWarning',
  StatsOutages: 'stats/outages',
  RemoteStart: 'remote/start',
  RemoteStop: 'remote/stop',
  RemoteStatus: 'remote/status',
  RemoteAuthenticate: 'remote/authenticate',
  HostsAdd: 'hosts/add',
  HostsList: 'hosts/list',
  HostsRemove: 'hosts/remove',
  HostsTest: 'hosts/test',
  HostsInstall: 'hosts/install',
  DaemonStatus: 'daemon/status',
  DaemonStop: 'daemon/stop',
} as const;

export const ErrorCodes = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  ServerNotInitialized: -32002,
  RequestCancelled: -32800,
  SessionNotFound: -32010,
  AgentUnavailable: -32011,
  NotARepository: -32012,
  WorktreeDirty: -32013,
  StaleHunk: -32014,
  PathOutsideWorkspace: -32015,
  Busy: -32016,
  PlaybookInvalid: -32017,
  Unauthorized: -32018,
  MixedHunk: -32019,
  ReviewConflict: -32020,
  BudgetExceeded: -32021,
  RoomNotFound: -32022,
  RoomClosed: -32023,
  HostNotFound: -32024,
  HostUnreachable: -32025,
  HostKeyRejected: -32026,
  HostAuthFailed: -32027,
  ServerBuildMissing: -32028,
  TunnelUnavailable: -32029,
  BranchNotMerged: -32030,
} as const;

export const ErrorKinds = {
  ParseError: 'ParseError',
  InvalidRequest: 'InvalidRequest',
  MethodNotFound: 'MethodNotFound',
  FeatureNotLanded: 'FeatureNotLanded',
  InvalidParams: 'InvalidParams',
  InternalError: 'InternalError',
  ServerNotInitialized: 'ServerNotInitialized',
  ProtocolVersionMismatch: 'ProtocolVersionMismatch',
  MessageTooLarge: 'MessageTooLarge',
  ShuttingDown: 'ShuttingDown',
  SessionNotFound: 'SessionNotFound',
  AgentUnavailable: 'AgentUnavailable',
  NotARepository: 'NotARepository',
  WorktreeDirty: 'WorktreeDirty',
  StaleHunk: 'StaleHunk',
  PathOutsideWorkspace: 'PathOutsideWorkspace',
  Busy: 'Busy',
  PlaybookInvalid: 'PlaybookInvalid',
  Unauthorized: 'Unauthorized',
  MixedHunk: 'MixedHunk',
  ReviewConflict: 'ReviewConflict',
  BudgetExceeded: 'BudgetExceeded',
  RoomNotFound: 'RoomNotFound',
  RoomClosed: 'RoomClosed',
  HostNotFound: 'HostNotFound',
  HostUnreachable: 'HostUnreachable',
  HostKeyRejected: 'HostKeyRejected',
  HostAuthFailed: 'HostAuthFailed',
  ServerBuildMissing: 'ServerBuildMissing',
  TunnelUnavailable: 'TunnelUnavailable',
  BranchNotMerged: 'BranchNotMerged',
} as const;

export const AgentIds = {
  ClaudeCode: 'claude-code',
  Codex: 'codex',
  OpenCode: 'opencode',
  Gemini: 'gemini',
  AcpClaude: 'acp:claude',
  AcpCodex: 'acp:codex',
  AcpGemini: 'acp:gemini',
  AcpOpenCode: 'acp:opencode',
  AcpPrefix: 'acp:',
} as const;

export type MethodName = (typeof Methods)[keyof typeof Methods];

/** Who sends each method and the names of its params and result records (null: none, or a `null` answer). */
export const MethodShapes: Readonly<Record<MethodName, { kind: MethodKind; params: string | null; result: string | null }>> = {
  'initialize': { kind: 'request', params: 'InitializeParams', result: 'InitializeResult' },
  'shutdown': { kind: 'request', params: null, result: null },
  'exit': { kind: 'notification', params: null, result: null },
  '$/cancelRequest': { kind: 'notification', params: 'CancelRequestParams', result: null },
  'agents/list': { kind: 'request', params: null, result: 'AgentsListResult' },
  'sessions/create': { kind: 'request', params: 'SessionCreateParams', result: 'Session' },
  'sessions/list': { kind: 'request', params: 'SessionListParams', result: 'SessionListResult' },
  'sessions/get': { kind: 'request', params: 'SessionIdParams', result: 'Session' },
  'sessions/prompt': { kind: 'request', params: 'SessionPromptParams', result: 'SessionPromptResult' },
  'sessions/cancel': { kind: 'request', params: 'SessionIdParams', result: null },
  'sessions/retryNow': { kind: 'request', params: 'SessionIdParams', result: null },
  'sessions/history': { kind: 'request', params: 'SessionHistoryParams', result: 'SessionHistoryResult' },
  'sessions/close': { kind: 'request', params: 'SessionCloseParams', result: 'SessionCloseResult' },
  'sessions/rename': { kind: 'request', params: 'SessionRenameParams', result: 'Session' },
  'sessions/configure': { kind: 'request', params: 'SessionConfigureParams', result: 'Session' },
  'sessions/archive': { kind: 'request', params: 'SessionArchiveParams', result: 'Session' },
  'sessions/delete': { kind: 'request', params: 'SessionDeleteParams', result: null },
  'sessions/discover': { kind: 'request', params: 'SessionDiscoverParams', result: 'SessionDiscoverResult' },
  'sessions/import': { kind: 'request', params: 'SessionImportParams', result: 'Session' },
  'sessions/output': { kind: 'request', params: 'SessionOutputParams', result: 'SessionOutputResult' },
  'sessions/event': { kind: 'serverNotification', params: 'SessionEventNotification', result: null },
  'sessions/events': { kind: 'serverNotification', params: 'SessionEventsNotification', result: null },
  'sessions/changed': { kind: 'serverNotification', params: 'SessionChangedNotification', result: null },
  'sessions/outputAppended': { kind: 'serverNotification', params: 'SessionOutputAppendedNotification', result: null },
  'permissions/request': { kind: 'serverRequest', params: 'PermissionRequestParams', result: 'PermissionResponse' },
  'git/status': { kind: 'request', params: 'GitStatusParams', result: 'GitStatusResult' },
  'git/log': { kind: 'request', params: 'GitLogParams', result: 'GitLogResult' },
  'git/branches': { kind: 'request', params: 'GitBranchesParams', result: 'GitBranchesResult' },
  'worktrees/list': { kind: 'request', params: 'WorktreeListParams', result: 'WorktreeListResult' },
  'worktrees/create': { kind: 'request', params: 'WorktreeCreateParams', result: 'Worktree' },
  'worktrees/remove': { kind: 'request', params: 'WorktreeRemoveParams', result: 'WorktreeRemoveResult' },
  'worktrees/prune': { kind: 'request', params: 'WorktreePruneParams', result: 'WorktreePruneResult' },
  'worktrees/merge': { kind: 'request', params: 'WorktreeMergeParams', result: 'WorktreeMergeResult' },
  'files/read': { kind: 'request', params: 'FilesReadParams', result: 'FilesReadResult' },
  'review/changes': { kind: 'request', params: 'ReviewChangesParams', result: 'ReviewChangesResult' },
  'review/accept': { kind: 'request', params: 'ReviewSelectionParams', result: 'ReviewAcceptResult' },
  'review/reject': { kind: 'request', params: 'ReviewSelectionParams', result: 'ReviewRejectResult' },
  'review/stage': { kind: 'request', params: 'ReviewSelectionParams', result: 'ReviewStageResult' },
  'review/undo': { kind: 'request', params: 'ReviewUndoParams', result: 'ReviewUndoResult' },
  'review/changed': { kind: 'serverNotification', params: 'ReviewChangedNotification', result: null },
  'playbooks/list': { kind: 'request', params: 'PlaybooksListParams', result: 'PlaybooksListResult' },
  'playbooks/run': { kind: 'request', params: 'PlaybookRunParams', result: 'Run' },
  'runs/list': { kind: 'request', params: 'RunsListParams', result: 'RunsListResult' },
  'runs/get': { kind: 'request', params: 'RunIdParams', result: 'Run' },
  'runs/stop': { kind: 'request', params: 'RunIdParams', result: null },
  'runs/tasks': { kind: 'request', params: 'RunIdParams', result: 'RunTasksResult' },
  'runs/progress': { kind: 'serverNotification', params: 'RunProgressNotification', result: null },
  'runs/approve': { kind: 'request', params: 'RunIdParams', result: 'Run' },
  'chat/create': { kind: 'request', params: 'ChatCreateParams', result: 'Room' },
  'chat/list': { kind: 'request', params: null, result: 'ChatListResult' },
  'chat/get': { kind: 'request', params: 'ChatRoomIdParams', result: 'Room' },
  'chat/history': { kind: 'request', params: 'ChatHistoryParams', result: 'ChatHistoryResult' },
  'chat/post': { kind: 'request', params: 'ChatPostParams', result: 'ChatPostResult' },
  'chat/cancel': { kind: 'request', params: 'ChatRoomIdParams', result: null },
  'chat/addParticipant': { kind: 'request', params: 'ChatAddParticipantParams', result: 'Room' },
  'chat/removeParticipant': { kind: 'request', params: 'ChatRemoveParticipantParams', result: 'Room' },
  'chat/close': { kind: 'request', params: 'ChatRoomIdParams', result: null },
  'chat/message': { kind: 'serverNotification', params: 'ChatMessageNotification', result: null },
  'chat/changed': { kind: 'serverNotification', params: 'ChatChangedNotification', result: null },
  'stats/get': { kind: 'request', params: 'StatsGetParams', result: 'StatsResult' },
  'stats/leaderboard': { kind: 'request', params: 'StatsLeaderboardParams', result: 'StatsLeaderboardResult' },
  'stats/export': { kind: 'request', params: 'StatsExportParams', result: 'StatsExportResult' },
  'stats/budgetWarning': { kind: 'serverNotification', params: 'BudgetWarningNotification', result: null },
  'stats/outages': { kind: 'request', params: 'StatsOutagesParams', result: 'StatsOutagesResult' },
  'remote/start': { kind: 'request', params: 'RemoteStartParams', result: 'RemoteStartResult' },
  'remote/stop': { kind: 'request', params: null, result: null },
  'remote/status': { kind: 'request', params: null, result: 'RemoteStatusResult' },
  'remote/authenticate': { kind: 'request', params: 'RemoteAuthenticateParams', result: 'RemoteAuthenticateResult' },
  'hosts/add': { kind: 'request', params: 'HostAddParams', result: 'HostInfo' },
  'hosts/list': { kind: 'request', params: null, result: 'HostListResult' },
  'hosts/remove': { kind: 'request', params: 'HostNameParams', result: null },
  'hosts/test': { kind: 'request', params: 'HostNameParams', result: 'HostTestResult' },
  'hosts/install': { kind: 'request', params: 'HostNameParams', result: 'HostInstallResult' },
  'daemon/status': { kind: 'request', params: null, result: 'DaemonStatusResult' },
  'daemon/stop': { kind: 'request', params: null, result: null },
};

/** The params and result types of every method, for typed senders and handlers. */
export interface MethodTypes {
  'initialize': { params: InitializeParams; result: InitializeResult };
  'shutdown': { params: void; result: null };
  'exit': { params: void; result: null };
  '$/cancelRequest': { params: CancelRequestParams; result: null };
  'agents/list': { params: void; result: AgentsListResult };
  'sessions/create': { params: SessionCreateParams; result: Session };
  'sessions/list': { params: SessionListParams; result: SessionListResult };
  'sessions/get': { params: SessionIdParams; result: Session };
  'sessions/prompt': { params: SessionPromptParams; result: SessionPromptResult };
  'sessions/cancel': { params: SessionIdParams; result: null };
  'sessions/retryNow': { params: SessionIdParams; result: null };
  'sessions/history': { params: SessionHistoryParams; result: SessionHistoryResult };
  'sessions/close': { params: SessionCloseParams; result: SessionCloseResult };
  'sessions/rename': { params: SessionRenameParams; result: Session };
  'sessions/configure': { params: SessionConfigureParams; result: Session };
  'sessions/archive': { params: SessionArchiveParams; result: Session };
  'sessions/delete': { params: SessionDeleteParams; result: null };
  'sessions/discover': { params: SessionDiscoverParams; result: SessionDiscoverResult };
  'sessions/import': { params: SessionImportParams; result: Session };
  'sessions/output': { params: SessionOutputParams; result: SessionOutputResult };
  'sessions/event': { params: SessionEventNotification; result: null };
  'sessions/events': { params: SessionEventsNotification; result: null };
  'sessions/changed': { params: SessionChangedNotification; result: null };
  'sessions/outputAppended': { params: SessionOutputAppendedNotification; result: null };
  'permissions/request': { params: PermissionRequestParams; result: PermissionResponse };
  'git/status': { params: GitStatusParams; result: GitStatusResult };
  'git/log': { params: GitLogParams; result: GitLogResult };
  'git/branches': { params: GitBranchesParams; result: GitBranchesResult };
  'worktrees/list': { params: WorktreeListParams; result: WorktreeListResult };
  'worktrees/create': { params: WorktreeCreateParams; result: Worktree };
  'worktrees/remove': { params: WorktreeRemoveParams; result: WorktreeRemoveResult };
  'worktrees/prune': { params: WorktreePruneParams; result: WorktreePruneResult };
  'worktrees/merge': { params: WorktreeMergeParams; result: WorktreeMergeResult };
  'files/read': { params: FilesReadParams; result: FilesReadResult };
  'review/changes': { params: ReviewChangesParams; result: ReviewChangesResult };
  'review/accept': { params: ReviewSelectionParams; result: ReviewAcceptResult };
  'review/reject': { params: ReviewSelectionParams; result: ReviewRejectResult };
  'review/stage': { params: ReviewSelectionParams; result: ReviewStageResult };
  'review/undo': { params: ReviewUndoParams; result: ReviewUndoResult };
  'review/changed': { params: ReviewChangedNotification; result: null };
  'playbooks/list': { params: PlaybooksListParams; result: PlaybooksListResult };
  'playbooks/run': { params: PlaybookRunParams; result: Run };
  'runs/list': { params: RunsListParams; result: RunsListResult };
  'runs/get': { params: RunIdParams; result: Run };
  'runs/stop': { params: RunIdParams; result: null };
  'runs/tasks': { params: RunIdParams; result: RunTasksResult };
  'runs/progress': { params: RunProgressNotification; result: null };
  'runs/approve': { params: RunIdParams; result: Run };
  'chat/create': { params: ChatCreateParams; result: Room };
  'chat/list': { params: void; result: ChatListResult };
  'chat/get': { params: ChatRoomIdParams; result: Room };
  'chat/history': { params: ChatHistoryParams; result: ChatHistoryResult };
  'chat/post': { params: ChatPostParams; result: ChatPostResult };
  'chat/cancel': { params: ChatRoomIdParams; result: null };
  'chat/addParticipant': { params: ChatAddParticipantParams; result: Room };
  'chat/removeParticipant': { params: ChatRemoveParticipantParams; result: Room };
  'chat/close': { params: ChatRoomIdParams; result: null };
  'chat/message': { params: ChatMessageNotification; result: null };
  'chat/changed': { params: ChatChangedNotification; result: null };
  'stats/get': { params: StatsGetParams; result: StatsResult };
  'stats/leaderboard': { params: StatsLeaderboardParams; result: StatsLeaderboardResult };
  'stats/export': { params: StatsExportParams; result: StatsExportResult };
  'stats/budgetWarning': { params: BudgetWarningNotification; result: null };
  'stats/outages': { params: StatsOutagesParams; result: StatsOutagesResult };
  'remote/start': { params: RemoteStartParams; result: RemoteStartResult };
  'remote/stop': { params: void; result: null };
  'remote/status': { params: void; result: RemoteStatusResult };
  'remote/authenticate': { params: RemoteAuthenticateParams; result: RemoteAuthenticateResult };
  'hosts/add': { params: HostAddParams; result: HostInfo };
  'hosts/list': { params: void; result: HostListResult };
  'hosts/remove': { params: HostNameParams; result: null };
  'hosts/test': { params: HostNameParams; result: HostTestResult };
  'hosts/install': { params: HostNameParams; result: HostInstallResult };
  'daemon/status': { params: void; result: DaemonStatusResult };
  'daemon/stop': { params: void; result: null };
}

export type AgentKind = 'native' | 'acp';
export const AgentKindValues: readonly AgentKind[] = ['native', 'acp'];

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'untracked' | 'conflicted' | 'typeChanged';
export const ChangeStatusValues: readonly ChangeStatus[] = ['added', 'modified', 'deleted', 'renamed', 'untracked', 'conflicted', 'typeChanged'];

export type CostLimitPeriod = 'day' | 'month';
export const CostLimitPeriodValues: readonly CostLimitPeriod[] = ['day', 'month'];

export type FileChangeKind = 'added' | 'modified' | 'deleted';
export const FileChangeKindValues: readonly FileChangeKind[] = ['added', 'modified', 'deleted'];

export type HostState = 'offline' | 'connecting' | 'online';
export const HostStateValues: readonly HostState[] = ['offline', 'connecting', 'online'];

export type McpTransport = 'stdio' | 'http' | 'sse';
export const McpTransportValues: readonly McpTransport[] = ['stdio', 'http', 'sse'];

export type MergeStrategy = 'auto' | 'fastForwardOnly' | 'mergeCommit';
export const MergeStrategyValues: readonly MergeStrategy[] = ['auto', 'fastForwardOnly', 'mergeCommit'];

/** Who sends a method and whether it is answered. */
export type MethodKind = 'request' | 'notification' | 'serverRequest' | 'serverNotification';
export const MethodKindValues: readonly MethodKind[] = ['request', 'notification', 'serverRequest', 'serverNotification'];

export type OutageClass = 'availability' | 'quota';
export const OutageClassValues: readonly OutageClass[] = ['availability', 'quota'];

export type OutageState = 'waiting' | 'recovered' | 'stopped';
export const OutageStateValues: readonly OutageState[] = ['waiting', 'recovered', 'stopped'];

export type PermissionMode = 'ask' | 'acceptEdits' | 'bypass';
export const PermissionModeValues: readonly PermissionMode[] = ['ask', 'acceptEdits', 'bypass'];

export type PermissionOptionKind = 'allowOnce' | 'allowAlways' | 'rejectOnce' | 'rejectAlways';
export const PermissionOptionKindValues: readonly PermissionOptionKind[] = ['allowOnce', 'allowAlways', 'rejectOnce', 'rejectAlways'];

export type ReviewBaseline = 'agent' | 'index';
export const ReviewBaselineValues: readonly ReviewBaseline[] = ['agent', 'index'];

export type ReviewOutcome = 'kept' | 'rejected';
export const ReviewOutcomeValues: readonly ReviewOutcome[] = ['kept', 'rejected'];

export type RoomState = 'idle' | 'moderating' | 'working' | 'closed';
export const RoomStateValues: readonly RoomState[] = ['idle', 'moderating', 'working', 'closed'];

export type RunOutcome = 'done' | 'taskFailed' | 'budgetExceeded' | 'stopped' | 'playbookInvalid' | 'agentUnavailable' | 'error' | 'halted';
export const RunOutcomeValues: readonly RunOutcome[] = ['done', 'taskFailed', 'budgetExceeded', 'stopped', 'playbookInvalid', 'agentUnavailable', 'error', 'halted'];

export type RunProgressKind = 'taskStarted' | 'taskDone' | 'taskFailed' | 'loopStarted' | 'finished' | 'waiting' | 'resumed';
export const RunProgressKindValues: readonly RunProgressKind[] = ['taskStarted', 'taskDone', 'taskFailed', 'loopStarted', 'finished', 'waiting', 'resumed'];

export type RunStatus = 'running' | 'waiting' | 'done' | 'failed' | 'stopped';
export const RunStatusValues: readonly RunStatus[] = ['running', 'waiting', 'done', 'failed', 'stopped'];

export type RunTaskState = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'waiting';
export const RunTaskStateValues: readonly RunTaskState[] = ['pending', 'running', 'done', 'failed', 'skipped', 'waiting'];

export type SessionStatus = 'idle' | 'running' | 'waiting' | 'failed' | 'retrying' | 'closed';
export const SessionStatusValues: readonly SessionStatus[] = ['idle', 'running', 'waiting', 'failed', 'retrying', 'closed'];

export type StatsGroupBy = 'day' | 'agent' | 'model' | 'project';
export const StatsGroupByValues: readonly StatsGroupBy[] = ['day', 'agent', 'model', 'project'];

export type StopReason = 'endTurn' | 'cancelled' | 'error' | 'maxTurns';
export const StopReasonValues: readonly StopReason[] = ['endTurn', 'cancelled', 'error', 'maxTurns'];

export type ToolCallStatus = 'pending' | 'inProgress' | 'completed' | 'failed';
export const ToolCallStatusValues: readonly ToolCallStatus[] = ['pending', 'inProgress', 'completed', 'failed'];

export interface AgentInfo {
  /** "claude-code", "codex", "opencode", "gemini", or "acp:<name>". */
  id: string;
  name: string;
  kind: AgentKind;
  available: boolean;
  version?: string;
  /** The command line that starts the agent. */
  command: string;
  /** Why the agent is not available, in words a user can act on. */
  reason?: string;
  /** Model names to offer for this agent (`agents.ID.models` in settings.json, else the names the agent's own documentation gives, such as Claude Code's aliases); absent when Maestro knows none. Any other name the agent takes works too (`sessions/configure`, `--model`). */
  models?: string[];
  /** The context window of the agent's model in tokens (`agents.ID.contextWindow` in settings.json, else the size the agent's documentation gives); absent when Maestro knows none. */
  contextWindow?: number;
}

/** One agent's Playbook record: tasks attempted and done, success rate, and cost per completed task. */
export interface AgentLeaderboardEntry {
  agentId: string;
  autoRunMs: number;
  runs: number;
  /** Task attempts that came to an end (done, not done or failed); stopped and interrupted ones are left out. */
  tasksAttempted: number;
  tasksDone: number;
  /** Done over attempted, 0..1; null before any attempt ended. */
  successRate?: number;
  costUsd: number;
  /** Cost of every attempt over the tasks done; null before a task was done. */
  costPerTaskUsd?: number;
}

export interface AgentsListResult {
  agents: AgentInfo[];
}

/** One step of the Auto Run ladder: reached once the cumulative run time is at least FromMs. */
export interface AutoRunRank {
  level: number;
  name: string;
  fromMs: number;
}

/** A cost limit is 80 % spent (or all of it): sent to every client once per limit, period and threshold. */
export interface BudgetWarningNotification {
  period: CostLimitPeriod;
  /** The agent the limit is for; null for the limit over all agents. */
  agentId?: string;
  limitUsd: number;
  spentUsd: number;
  /** 80 or 100. */
  percent: number;
  message: string;
}

/** Params of `$/cancelRequest`: the id of the request to cancel, a number or a string as sent. */
export interface CancelRequestParams {
  id: unknown;
}

export interface ChatAddParticipantParams {
  roomId: string;
  participant: ChatParticipantSpec;
}

export interface ChatChangedNotification {
  room: Room;
}

export interface ChatCreateParams {
  name: string;
  /** The folder the participants' sessions work in (or branch their worktrees from). */
  cwd: string;
  participants: ChatParticipantSpec[];
  moderator?: ChatModerator;
  /** Agent turns one user message may lead to through hand-offs; 6 when absent. */
  maxRounds?: number;
  /** Mentioned participants answer at once instead of in the order written. */
  parallel?: boolean;
  /** Creates the room on this host (`hosts/add`): its participants' sessions run there, `cwd` is a path there. */
  host?: string;
}

export interface ChatHistoryParams {
  roomId: string;
  /** Messages with a seq above this one; from the start when absent. */
  afterSeq?: number;
  limit?: number;
}

export interface ChatHistoryResult {
  messages: ChatMessage[];
  hasMore: boolean;
}

export interface ChatListResult {
  rooms: Room[];
}

export interface ChatMessage {
  id: string;
  /** Contiguous per room, from 1; stored before it is broadcast. */
  seq: number;
  /** A participant's alias, "user", "moderator" or "system". */
  author: string;
  text: string;
  html: string;
  /** The participants this message addresses, in the order written ("all" expanded). */
  mentions: string[];
  time: string;
}

export interface ChatMessageNotification {
  roomId: string;
  message: ChatMessage;
  /** The room's host, when the room is on one. */
  host?: string;
}

/** The agent that decides who answers a message that mentions no one. */
export interface ChatModerator {
  agentId: string;
  /** The moderator's own session; set by the server. */
  sessionId?: string;
}

/** A participant of a room: an ordinary session, openable like any other. */
export interface ChatParticipant {
  /** The name used in @mentions. */
  alias: string;
  agentId: string;
  sessionId: string;
  worktree?: string;
  /** The host its session runs on when that is not the room's machine; its session is then one of that host's sessions. */
  host?: string;
}

/** A participant to add: a new session of AgentId, or an existing session by SessionId. */
export interface ChatParticipantSpec {
  /** The name used in @mentions: letters, digits, '-' and '_'; unique in the room. */
  alias: string;
  agentId?: string;
  sessionId?: string;
  /** A fresh worktree on its own branch for this participant's session. */
  worktree?: WorktreeRequest;
  /** Runs this participant's session on that host (`hosts/add`) while the room stays here, so one room mixes local and remote participants; absent: on this machine (or on the room's host, for a room created there). */
  host?: string;
  /** The folder of this participant's session (on its host, for one on a host); the room's `cwd` when absent, or the host's default folder for one on a host. */
  cwd?: string;
}

export interface ChatPostParams {
  roomId: string;
  text: string;
}

export interface ChatPostResult {
  messageId: string;
  seq: number;
}

export interface ChatRemoveParticipantParams {
  roomId: string;
  alias: string;
}

export interface ChatRoomIdParams {
  roomId: string;
}

export interface ClientCapabilities {
  /** The client answers `permissions/request`. */
  permissions: boolean;
  /** The client shows inline diffs and listens to `review/changed`. */
  inlineDiff: boolean;
  batchedEvents?: boolean;
}

export interface ClientInfo {
  name: string;
  version?: string;
}

/** One cost limit of settings.json and what its current period (today, this month) has spent so far. */
export interface CostLimitStatus {
  period: CostLimitPeriod;
  /** The agent the limit is for; null for the limit over all agents. */
  agentId?: string;
  limitUsd: number;
  spentUsd: number;
  /** Spent over the limit, rounded down: 80 and more is the warning state, 100 and more refuses new turns. */
  percent: number;
}

/** Answer of `daemon/status`: an operations method of the per-user daemon. */
export interface DaemonStatusResult {
  pid: number;
  version: string;
  home: string;
  endpoint: string;
  startedAt: string;
  connections: number;
  workingSetBytes: number;
  /** The daemon's own PATH, folder by folder: where it looks for agent CLIs. It is the PATH of the shell that started the daemon, which may not be the caller's. */
  pathFolders?: string[];
  /** Names of the credential variables set in the daemon's environment (never their values). */
  credentialVariables?: string[];
}

/** A conversation an agent CLI keeps on disk that Maestro can import. */
export interface DiscoveredSession {
  agentId: string;
  agentSessionId: string;
  cwd: string;
  title: string;
  updatedAt: string;
}

/** The `data` of every error Maestro sends: a kind to branch on, and what the kind needs. */
export interface ErrorData {
  kind: string;
  /** The method or feature the error is about, when there is one. */
  method?: string;
  feature?: string;
  /** The path concerned, e.g. a worktree or a file outside the workspace. */
  path?: string;
  /** The branch concerned, e.g. the one a worktree removal kept because it was not merged. */
  branch?: string;
  /** Several paths, e.g. the dirty files of a worktree. */
  paths?: string[];
  /** Hunk ids concerned, e.g. the stale ones of a `review/accept`. */
  hunkIds?: string[];
  serverVersion?: string;
  clientVersion?: string;
}

export interface ErrorEvent {
  type: 'error';
  message: string;
  /** The tail of the agent's stderr or other detail, secrets removed. */
  detail?: string;
}

export interface FileChangeEvent {
  type: 'fileChange';
  path: string;
  change: FileChangeKind;
}

/** A file of a working tree to show: a client that cannot read the folder itself (a host's session, seen from another machine) asks for its text. */
export interface FilesReadParams {
  /** A folder in the git working tree the file belongs to (a session's cwd). */
  cwd: string;
  /** Absolute, or relative to Cwd; it must stay inside the working tree. */
  path: string;
  /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
  host?: string;
}

/** The text of a working file; no Content when the file is binary. */
export interface FilesReadResult {
  /** The file's absolute path (as asked, resolved against the cwd). */
  path: string;
  /** The file's UTF-8 text, line endings as they are; absent for a binary file. */
  content?: string;
  /** A NUL byte in its first 8000 bytes, as git decides. */
  binary: boolean;
  /** Its size in bytes. */
  size: number;
}

export interface GitBranch {
  name: string;
  sha: string;
  isHead: boolean;
  upstream?: string;
}

export interface GitBranchesParams {
  cwd: string;
  /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
  host?: string;
}

export interface GitBranchesResult {
  branches: GitBranch[];
}

export interface GitChange {
  path: string;
  status: ChangeStatus;
  /** True when the change is in the index, false when only in the working tree. */
  staged: boolean;
  oldPath?: string;
}

export interface GitCommit {
  sha: string;
  summary: string;
  author: string;
  time: string;
}

export interface GitLogParams {
  cwd: string;
  limit?: number;
  ref?: string;
  /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
  host?: string;
}

export interface GitLogResult {
  commits: GitCommit[];
}

export interface GitStatusParams {
  cwd: string;
  /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
  host?: string;
}

export interface GitStatusResult {
  root: string;
  /** Null on a detached head. */
  branch?: string;
  /** Null in a repository without commits. */
  head?: string;
  ahead: number;
  behind: number;
  changes: GitChange[];
}

export interface HostAddParams {
  name: string;
  /** A Host of the ssh config, or `[user@]host[:port]`; never starting with '-'. */
  destination: string;
  /** `ssh -o` options as `Key=Value`; those that disable host key checking are refused. */
  options?: string[];
  env?: Record<string, string>;
  folder?: string;
}

/** An agent whose command is on a host's PATH. */
export interface HostAgent {
  /** The agent's id, as in `agents/list`. */
  id: string;
  /** Its command's path on the host. */
  path: string;
}

/** A machine reached over SSH where agents can run (docs/hosts.md). OpenSSH is the transport: Maestro runs the user's `ssh` with the destination and options, and never turns off its host key checking. */
export interface HostInfo {
  /** The short name the user picked: letters, digits, '.', '_' and '-'; unique, case-insensitively. */
  name: string;
  /** A Host of the ssh config, or `[user@]host[:port]` (IPv6 as `[addr]:port`). */
  destination: string;
  /** Extra `ssh -o` options, each `Key=Value`, in order. */
  options: string[];
  /** Environment for the host's agents. */
  env: Record<string, string>;
  /** The host's default folder for sessions (a path on that host). */
  folder?: string;
  /** What the user should know about the options: those that run programs on this machine (`ProxyCommand`, `LocalCommand`, …) or weaken host key checking (`StrictHostKeyChecking=accept-new`). */
  warnings: string[];
  createdAt: string;
  /** The local daemon's connection to the host (started on first use: a session there, or a session list). */
  state: HostState;
  /** Why the last connection attempt failed or the connection was lost, in words a user can act on. */
  lastError?: string;
}

/** The server is on the host, in `~/.maestro/bin/<version>/`. */
export interface HostInstallResult {
  name: string;
  rid: string;
  /** This server's version, the folder's name. */
  version: string;
  /** The remote executable's path. */
  path: string;
  /** False when that version was already there and nothing was copied. */
  copied: boolean;
  /** Bytes sent (the tar stream); 0 when nothing was copied. */
  bytes: number;
  /** What the installed `maestro --version` printed on the host. */
  remoteVersion: string;
}

export interface HostListResult {
  hosts: HostInfo[];
}

/** A `maestro` found on a host. */
export interface HostMaestro {
  /** Its path on the host. */
  path: string;
  /** What its `--version` printed (the version number); absent when it did not run. */
  version?: string;
  /** True when it is the copy `hosts/install` puts in `~/.maestro/bin/<version>` for this build's version. */
  installed: boolean;
  /** True when its version is this server's. */
  sameVersion: boolean;
}

export interface HostNameParams {
  name: string;
}

/** What `hosts/test` found on the host after connecting. */
export interface HostTestResult {
  name: string;
  /** The remote `uname -sm`, e.g. `Linux x86_64`. */
  platform: string;
  /** The .NET runtime identifier of the host (`linux-x64`, `osx-arm64`, …); absent when Maestro has no build for that platform. */
  rid?: string;
  /** The remote `maestro`: this version under `~/.maestro/bin`, else one on the remote PATH; absent when none. */
  maestro?: HostMaestro;
  /** The known agents whose command is on the remote PATH. */
  agents: HostAgent[];
  /** What to do next when something is missing (e.g. no maestro: `hosts/install`). */
  hint?: string;
  /** How long connecting and probing took, in milliseconds. */
  elapsedMs: number;
}

export interface InitializeParams {
  /** "major.minor"; the major must equal Major. */
  protocolVersion: string;
  clientInfo: ClientInfo;
  workspaceFolders?: string[];
  capabilities?: ClientCapabilities;
}

export interface InitializeResult {
  protocolVersion: string;
  serverInfo: ServerInfo;
  capabilities: ServerCapabilities;
  agents: AgentInfo[];
}

/** An MCP server the session's agent connects to (an ACP editor's `mcpServers`): a program on stdio (Command) or a server at Url. Held by the daemon in memory only, since its environment and headers may carry credentials: a client passes them again after a daemon restart (ACP's session/load does). */
export interface McpServer {
  name: string;
  transport: McpTransport;
  /** The program to run (stdio): an absolute path. */
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  /** The server's address (http, sse). */
  url?: string;
  headers?: Record<string, string>;
}

/** A streamed piece of an agent message; the final MessageEvent carries the whole text. */
export interface MessageDeltaEvent {
  type: 'messageDelta';
  text: string;
  /** "assistant" or "thought". */
  role: string;
}

export interface MessageEvent {
  type: 'message';
  text: string;
  /** The markdown rendered to sanitized HTML by the server. */
  html: string;
  role: string;
}

/** One provider outage a turn ran into. It is stored once and then revised in place: every update of the same OutageId is sent again under the seq of the first (clients replace the event they hold at that seq), so a night of retries is one card, not a wall of errors. */
export interface OutageEvent {
  type: 'outage';
  outageId: string;
  /** The turn whose prompt is being resent. */
  turnId: string;
  class: OutageClass;
  state: OutageState;
  /** How many times the prompt was sent and failed this way so far (the first send counts). */
  attempts: number;
  /** When the first failure of the outage was seen. */
  since: string;
  /** When the prompt is resent next; null once the outage is closed. */
  nextAt?: string;
  /** The moment the provider said its limit resets, when it named one. */
  resetAt?: string;
  /** What the agent said about the failure (its last error), secrets removed. */
  reason: string;
  /** When the outage closed (recovered or stopped): with Since, the downtime it covered. */
  endedAt?: string;
  /** Why the outage was stopped (state `stopped`). */
  stoppedBecause?: string;
  /** When the outage lasted long enough for the agent's failover: what the prompt was resent to from then on (a model, a backup endpoint's variable names). Null when it was not failed over. */
  failedOverTo?: string;
  /** When the prompt first went to the backup. */
  failedOverAt?: string;
}

/** One group of `stats/outages`: an agent id or a local day, and its outages. */
export interface OutageStatsGroup {
  key: string;
  totals: OutageTotals;
}

/** Provider outages that closed (docs/resilience.md), summed: how many Maestro bridged by resending, how much downtime that covered, and the share of outages that ended with the turn served. */
export interface OutageTotals {
  /** Outages that closed, recovered or stopped. */
  outages: number;
  /** Closed as recovered: a resend was served and the turn went on. */
  bridged: number;
  /** Closed as stopped: cancelled, taken over by a new prompt, over the cap, or a failure not retried. */
  stopped: number;
  /** Outages whose turn went to the agent's failover backup. */
  failedOver: number;
  /** The downtime the bridged outages covered: from their first failure to the served resend. */
  downtimeCoveredMs: number;
  /** Bridged / Outages, from 0 to 1; null when no outage closed. */
  recoveryRate?: number;
}

export interface PermissionOption {
  id: string;
  label: string;
  kind: PermissionOptionKind;
}

/** Recorded in the transcript when an agent asks for permission, with the answer once given. */
export interface PermissionRequestEvent {
  type: 'permissionRequest';
  toolCall: PermissionToolCall;
  options: PermissionOption[];
  chosenOptionId?: string;
}

/** Sent by the server to a client that said it answers permissions. */
export interface PermissionRequestParams {
  sessionId: string;
  toolCall: PermissionToolCall;
  options: PermissionOption[];
  /** The host of the session, when the request comes from an agent on another machine. */
  host?: string;
}

/** The client's answer: an option id, or cancelled. */
export interface PermissionResponse {
  optionId?: string;
  cancelled: boolean;
}

export interface PermissionToolCall {
  id: string;
  title: string;
  kind: string;
  input?: unknown;
}

export interface PlanEntry {
  content: string;
  /** "pending", "inProgress" or "completed". */
  status: string;
  priority?: string;
}

export interface PlanEvent {
  type: 'plan';
  entries: PlanEntry[];
}

/** What a run of the playbook takes from its own settings when `playbooks/run` leaves a field out, so a client can preselect it. */
export interface PlaybookDefaults {
  /** The settings' `agent`. */
  agentId?: string;
  /** The most a run's agents may do: a folder playbook's `playbook.yaml` `permissionMode`; null means `acceptEdits`. */
  permissionMode?: PermissionMode;
  loops?: number;
  /** The branch a run works on in a fresh worktree. */
  worktree?: string;
  budget?: RunBudget;
}

export interface PlaybookDocumentInfo {
  path: string;
  total: number;
  done: number;
}

export interface PlaybookInfo {
  path: string;
  name: string;
  documents: PlaybookDocumentInfo[];
  /** Why the playbook cannot run as it is (then documents may be empty). */
  error?: string;
  /** What may keep it from running unattended, e.g. a task only a person can do; a run starts anyway. */
  warnings?: PlaybookWarning[];
  /** The playbook's own run settings; null when it sets none (or cannot load). */
  defaults?: PlaybookDefaults;
}

export interface PlaybookRunParams {
  path: string;
  agentId: string;
  worktree?: WorktreeRequest;
  loops?: number;
  budget?: RunBudget;
  /** The most the run's agents may do. A playbook document may lower its own permission mode, never raise it above this. Without it: a folder playbook's `playbook.yaml` `permissionMode`, else `acceptEdits`. */
  permissionMode?: PermissionMode;
  /** Uncheck every box before the first task, so a scheduled run starts over each time (`maestro run --reset`). */
  reset?: boolean;
  /** Where the agents work; by default the git repository holding the playbook, else the playbook's folder. */
  cwd?: string;
  /** Runs the playbook on this host (`hosts/add`): `path` and `cwd` are paths there, its agents run there. */
  host?: string;
  /** A stopped run of this playbook to go on with instead of starting a new one (`maestro run` passes the run its Ctrl-C stopped): it keeps its id, the tasks it ran, its cost and its start, so its budget counts on, and its settings (the other fields are not read). A run that is not stopped, or of another playbook, is refused (-32602). */
  continueRunId?: string;
}

/** Something in a document that may keep a playbook from running unattended; the run starts anyway. */
export interface PlaybookWarning {
  document: string;
  /** 1-based line the warning is about. */
  line: number;
  message: string;
}

export interface PlaybooksListParams {
  cwd: string;
  /** Lists the playbooks of a folder of this host (`hosts/add`). */
  host?: string;
}

export interface PlaybooksListResult {
  playbooks: PlaybookInfo[];
}

/** The user's prompt that starts a turn. */
export interface PromptEvent {
  type: 'prompt';
  turnId: string;
  text: string;
}

/** The first message on the page's WebSocket: the token from the URL fragment. */
export interface RemoteAuthenticateParams {
  token: string;
}

export interface RemoteAuthenticateResult {
  /** True for the read-only token: prompts, cancels, permission answers, runs and changes are refused. */
  readOnly: boolean;
}

export interface RemoteStartParams {
  /** Listen on the machine's LAN address instead of loopback (plain HTTP on the LAN: the answer says so). */
  lan?: boolean;
  /** The port to listen on; a free one when absent. */
  port?: number;
  /** Also open a cloudflared quick tunnel to the page (cloudflared must be installed): the URLs given out are then the tunnel's. */
  tunnel?: boolean;
  /** Also issue a read-only token (ReadOnlyUrl) for watching without control. */
  readOnly?: boolean;
}

/** Remote access is on. The tokens are only in the URLs' fragments (`#token=…`): a browser never sends a fragment to a server, a proxy or a Referer. */
export interface RemoteStartResult {
  /** The page with full control: `http://127.0.0.1:PORT/#token=…`, or the tunnel's `https://….trycloudflare.com/#token=…`. */
  url: string;
  /** The QR code of Url as an SVG document, for the editors. */
  qrSvg: string;
  /** The page for watching only, when `readOnly` was asked. */
  readOnlyUrl?: string;
  /** The QR code of ReadOnlyUrl. */
  readOnlyQrSvg?: string;
  port: number;
  /** The address listened on (127.0.0.1, or the LAN address). */
  host: string;
  /** Set when listening on the LAN: traffic there is plain HTTP, readable by anyone on the network. */
  warning?: string;
  /** True when remote access was already on: the same URLs as before. */
  alreadyRunning: boolean;
  /** With a tunnel: the same full-control page on this machine (the tunnel's URL is in Url). */
  localUrl?: string;
  expiresAt?: string;
}

/** Whether remote access is on; never carries a token (ask `remote/start` again for the URLs). */
export interface RemoteStatusResult {
  running: boolean;
  port?: number;
  host?: string;
  /** True when a read-only token was issued. */
  readOnlyIssued: boolean;
  /** Authenticated WebSockets open now. */
  connections: number;
  startedAt?: string;
  /** The cloudflared tunnel, when remote access was started with one. */
  tunnel?: RemoteTunnelStatus;
}

/** The cloudflared quick tunnel of a remote access started with `tunnel`; never its token-bearing URL. */
export interface RemoteTunnelStatus {
  /** True while cloudflared runs and has given its public address. */
  running: boolean;
  /** The tunnel's public host name (`….trycloudflare.com`); it changes when cloudflared is restarted. */
  host?: string;
  /** How many times cloudflared was restarted after it died (at most MaxRestarts). */
  restarts: number;
  maxRestarts: number;
  /** Why the tunnel is down for good (cloudflared kept dying); the page is still served on this machine. */
  error?: string;
}

export interface ReviewAcceptResult {
  accepted: number;
  /** What `review/undo` takes to take this back (agent baseline only). */
  decisionId?: string;
}

export interface ReviewChangedNotification {
  cwd: string;
  paths: string[];
  /** The host whose folder changed, for a change relayed from a host's daemon. */
  host?: string;
}

export interface ReviewChangesParams {
  cwd: string;
  paths?: string[];
  /** Only this session's agent hunks; without it every session's in the folder. */
  sessionId?: string;
  /** Only this turn's agent hunks (of SessionId). */
  turnId?: string;
  /** Null means Agent. */
  baseline?: ReviewBaseline;
  /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon (`cwd` is a path there). */
  host?: string;
}

export interface ReviewChangesResult {
  /** With the agent baseline: one entry per file per session turn that changed it (a file two sessions changed is listed twice, once for each); with the index baseline: one per changed file. */
  files: ReviewFile[];
  /** The sessions with pending agent hunks in the folder, for grouping; null with the index baseline. */
  sessions?: ReviewSessionSummary[];
  /** The files whose agent changes were decided and not undone, one per session and file (the latest decision wins), so every client can show what became of them (kept or rejected), whichever client decided; null with the index baseline. */
  decided?: ReviewDecidedFile[];
}

/** A file whose agent changes of one session were decided, by any client: the latest decision on that session's changes to the file that was not undone. The same file may still have pending hunks of the session (a decision on some of them); those are in `files`. */
export interface ReviewDecidedFile {
  sessionId: string;
  /** The turn whose change the decision was about. */
  turnId?: string;
  /** Repository-relative, as a review file's `path`. */
  path: string;
  outcome: ReviewOutcome;
  /** The decision, for `review/undo`. */
  decisionId: string;
}

export interface ReviewFile {
  path: string;
  oldPath?: string;
  status: ChangeStatus;
  binary: boolean;
  hunks: ReviewHunk[];
  /** The session whose turn made these changes (agent baseline only). */
  sessionId?: string;
  turnId?: string;
  agentId?: string;
  /** The session's name, e.g. "Claude Code 1", for labels. */
  sessionName?: string;
  /** The user changed the file where the agent did since the turn (a binary, created or deleted file, reviewed whole): rejecting it needs `confirm`. */
  mixed: boolean;
}

/** The whole new text of a working file that a review decision made with `apply: false` left for the client to write (UTF-8, line endings as they are in the file), so the change goes through the editor and its undo. */
export interface ReviewFileContent {
  /** Repository-relative, as in Path. */
  path: string;
  content: string;
}

export interface ReviewHunk {
  /** A hash of the session, turn, path, position and content: stable while the file does not change. */
  id: string;
  /** Where the hunk starts in the baseline (agent baseline: the file before the turn; index: the index). */
  oldStart: number;
  oldLines: number;
  /** Where the hunk's lines are in the working file now (after any later edit above it). */
  newStart: number;
  newLines: number;
  header: string;
  /** Unified diff lines, each starting with ' ', '+', '-' or '\'. */
  lines: string[];
  /** The session whose turn made the hunk (agent baseline only). */
  sessionId?: string;
  turnId?: string;
  agentId?: string;
  sessionName?: string;
  /** The user edited these lines after the agent: rejecting the hunk would lose that edit, so it needs `confirm`. */
  mixed: boolean;
}

export interface ReviewRejectResult {
  rejected: number;
  /** What `review/undo` takes to take this back (agent baseline only). */
  decisionId?: string;
  /** Files the agent created that were moved to Maestro's trash rather than deleted (repository-relative). */
  trashed?: string[];
  /** With `apply: false`: the new text of each file the server did not write, for the client to write. */
  contents?: ReviewFileContent[];
}

/** Params of `review/accept`, `review/reject` and `review/stage`: hunks by id, whole files by path, or both. With the agent baseline a path selects the agent's changes to that file (of SessionId when given), never the user's. */
export interface ReviewSelectionParams {
  cwd: string;
  hunkIds?: string[];
  paths?: string[];
  /** Only this session's changes when selecting by path. */
  sessionId?: string;
  /** Null means Agent; `review/stage` always works on the index. */
  baseline?: ReviewBaseline;
  /** Reject mixed hunks too, losing the user's edits inside them (without it such a reject is refused, naming them). */
  confirm?: boolean;
  /** Reject only: false records the decision but leaves the working file of each modified text file as it is and answers its new text in Contents, for an editor to apply as its own (undoable) edit. Created and deleted files are still trashed or restored by the server. Null or true: the server writes. */
  apply?: boolean;
  /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon (`cwd` is a path there). */
  host?: string;
}

/** One session's share of a folder's pending agent review. */
export interface ReviewSessionSummary {
  sessionId: string;
  name: string;
  agentId: string;
  files: number;
  hunks: number;
}

export interface ReviewStageResult {
  staged: number;
}

export interface ReviewUndoParams {
  cwd: string;
  /** The id an accept or reject returned. */
  decisionId: string;
  /** False: record the undo but leave modified text files for the client to write (their text in Contents), e.g. after the editor's own undo took the reject back. Trashed files are still moved back by the server. Null or true: the server writes. */
  apply?: boolean;
  /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon (`cwd` is a path there). */
  host?: string;
}

export interface ReviewUndoResult {
  /** How many files the undo put back. */
  restored: number;
  /** With `apply: false`: the text each file the server did not write should now have. */
  contents?: ReviewFileContent[];
}

export interface Room {
  id: string;
  name: string;
  cwd: string;
  /** The current participants, in the order they joined (removed ones are left out). */
  participants: ChatParticipant[];
  moderator?: ChatModerator;
  maxRounds: number;
  parallel: boolean;
  state: RoomState;
  /** Aliases of the participants whose turn runs now. */
  working: string[];
  /** The round of the user message being answered (0 when idle). */
  round: number;
  lastSeq: number;
  createdAt: string;
  /** The host the room is on (`hosts/add`); absent for a room of this machine. Its requests go there. */
  host?: string;
}

export interface Run {
  id: string;
  playbook: string;
  agentId: string;
  status: RunStatus;
  total: number;
  done: number;
  failed: number;
  loop: number;
  currentTask?: RunTask;
  sessionIds: string[];
  startedAt: string;
  endedAt?: string;
  usage: Usage;
  /** Why the run ended, when it did not finish every task. */
  reason?: string;
  /** How the run ended; null while it runs. */
  outcome?: RunOutcome;
  /** How many passes over the playbook the run makes; Loop is the current one (1-based). */
  loops: number;
  /** Tasks given to an agent so far (a retry is the same task), what `budget.maxTasks` counts. */
  tasksRun: number;
  /** The folder the agents work in. */
  cwd?: string;
  /** The worktree the run made for itself, when it was asked to run on a branch. */
  worktree?: string;
  branch?: string;
  /** While Status is `waiting`: the provider outage the current task's agent waits out. */
  waiting?: RunWait;
  /** While Status is `waiting` at a human-in-the-loop gate: what the person is asked to do. */
  gate?: RunGate;
  /** The host (`hosts/add`) the run runs on; absent for a run of this machine. Its paths are paths there. */
  host?: string;
}

export interface RunBudget {
  maxTasks?: number;
  maxCostUsd?: number;
  maxMinutes?: number;
  /** How long one attempt at a task may take; an attempt over it is stopped and counts as not done. */
  maxTaskMinutes?: number;
}

/** A human-in-the-loop gate the run waits at: a `<!-- MAESTRO:HITL reason="…" artifact="…" -->` marker above the next unchecked task. The person approves by ticking that task (in the document, or with `runs/approve`), and the run goes on by itself. */
export interface RunGate {
  /** Why a person is needed (the marker's `reason`; "Human review requested" when it names none). */
  reason: string;
  /** What to look at before approving, as the marker wrote it (usually a path); null when none. */
  artifact?: string;
  /** The task whose box approves the gate. */
  task: RunTask;
  /** 1-based line of the marker in Document. */
  markerLine: number;
  since: string;
}

export interface RunIdParams {
  runId: string;
}

/** One Playbook run on the leaderboard: how long it ran unattended and what it got done. */
export interface RunLeaderboardEntry {
  runId: string;
  playbook: string;
  agentId: string;
  outcome?: RunOutcome;
  durationMs: number;
  tasksAttempted: number;
  tasksDone: number;
  tasksFailed: number;
  costUsd: number;
  startedAt: string;
}

export interface RunProgressNotification {
  run: Run;
  event: RunProgressKind;
  task?: RunTask;
  /** A sentence for people: why a task failed, a retry, a warning about the document. */
  message?: string;
}

export interface RunTask {
  document: string;
  /** 1-based line of the checkbox in the document. */
  line: number;
  text: string;
  /** 1 for the first try, 2 for the first retry, and so on. */
  attempt: number;
  /** The session this attempt runs in (its history stays, linked to the run). */
  sessionId?: string;
}

/** One attempt at a task of a run: each runs in a fresh session, whose history stays. */
export interface RunTaskAttempt {
  /** 1 for the first try, 2 for the first retry, and so on (counted per loop). */
  attempt: number;
  /** The pass over the playbook it ran in (1-based). */
  loop: number;
  sessionId?: string;
  /** Why the attempt did not finish the task (or what else it noticed); absent while it runs and when it did. */
  message?: string;
}

/** A task of a run's playbook (`runs/tasks`): where it is, what it says, where it stands, and its attempts. */
export interface RunTaskEntry {
  document: string;
  /** 1-based line of the checkbox in the document, as it reads now. */
  line: number;
  text: string;
  state: RunTaskState;
  /** This run's attempts at the task, oldest first (every loop's); empty for a task it never gave to an agent. */
  attempts: RunTaskAttempt[];
}

export interface RunTasksResult {
  runId: string;
  /** Every task of the run's documents in run order (document by document, top to bottom). */
  tasks: RunTaskEntry[];
  /** The run's host (`hosts/add`) when it runs there; its paths are paths there. */
  host?: string;
}

/** Why a run waits: the outage its current task's session is in (that session's `outage` event has the detail). Waiting uses up none of the task's retries; it counts against `budget.maxMinutes` only. */
export interface RunWait {
  sessionId: string;
  class: OutageClass;
  /** What the agent said about the failure, secrets removed. */
  reason: string;
  since: string;
  /** When the prompt is resent next. */
  nextAt?: string;
  /** When the provider said its limit resets, when it named one. */
  resetAt?: string;
  /** How many times the prompt was sent and failed so far in this outage. */
  attempts: number;
}

export interface RunsListParams {
  status?: RunStatus;
}

export interface RunsListResult {
  runs: Run[];
}

export interface ServerCapabilities {
  /** Features that have landed in this server, e.g. "lifecycle", "agents", "git"; methods of others answer -32601. */
  features: string[];
  /** The largest message the server reads, in bytes. */
  maxMessageBytes: number;
}

export interface ServerInfo {
  name: string;
  version: string;
}

export interface Session {
  id: string;
  name: string;
  agentId: string;
  cwd: string;
  /** The worktree path when the session runs in one of its own. */
  worktree?: string;
  branch?: string;
  status: SessionStatus;
  /** The agent's own id for the conversation, used to resume it. */
  agentSessionId?: string;
  model?: string;
  permissionMode: PermissionMode;
  /** The seq of the last stored event. */
  lastSeq: number;
  createdAt: string;
  updatedAt: string;
  usage: Usage;
  archived?: boolean;
  /** The host (`hosts/add`) the session runs on; absent for a session of this machine. Its paths are paths there. */
  host?: string;
  offline?: boolean;
}

export interface SessionArchiveParams {
  sessionId: string;
  /** True to archive, false to bring the session back into the lists. */
  archived?: boolean;
}

export interface SessionChangedNotification {
  session: Session;
  deleted?: boolean;
}

export interface SessionCloseParams {
  sessionId: string;
  removeWorktree?: boolean;
  /** With `removeWorktree`: also delete the worktree's branch, only when its commits are merged (as `worktrees/remove {deleteBranch}` without force). */
  deleteBranch?: boolean;
}

export interface SessionCloseResult {
  /** The worktree `removeWorktree` removed (and whether its branch was deleted); absent when none was. */
  removedWorktree?: WorktreeRemoveResult;
}

/** Changes what the session's next turn runs with; fields left out stay as they are. A different agent starts a fresh conversation with that agent in the same Maestro session (its transcript stays); its model then resets to the agent's default unless Model names one. An empty Model also means the agent's default. A Worktree moves the session into a fresh worktree on a new branch, made from the HEAD of the folder it works in now; its next turn starts a fresh conversation there (agents keep conversations per folder). Changes not committed stay in the old folder. */
export interface SessionConfigureParams {
  sessionId: string;
  agentId?: string;
  model?: string;
  permissionMode?: PermissionMode;
  worktree?: WorktreeRequest;
  /** Replaces the MCP servers of the session's next turns (an empty list removes them). */
  mcpServers?: McpServer[];
}

export interface SessionCreateParams {
  agentId: string;
  cwd: string;
  name?: string;
  worktree?: WorktreeRequest;
  model?: string;
  permissionMode?: PermissionMode;
  /** Extra instructions appended to the agent's system prompt, where the agent supports it. */
  systemPrompt?: string;
  /** Creates the session on this host (`hosts/add`) instead of this machine; `cwd` is then a path there. */
  host?: string;
  /** MCP servers the agent connects to, where it takes them (Claude Code, ACP agents); see McpServer. */
  mcpServers?: McpServer[];
}

export interface SessionDeleteParams {
  sessionId: string;
  /** Close the session first when it is still open (its agent is stopped, a running turn cancelled). */
  force?: boolean;
}

export interface SessionDiscoverParams {
  cwd?: string;
}

export interface SessionDiscoverResult {
  found: DiscoveredSession[];
}

/** One stored event of a session; seq numbers are contiguous per session, from 1. */
export interface SessionEventNotification {
  sessionId: string;
  seq: number;
  time: string;
  event: SessionEvent;
  /** The host of the session, for a session of another machine relayed by this daemon. */
  host?: string;
}

/** `sessions/events`: several consecutive events of one session in one message, sent instead of one `sessions/event` each to clients whose `initialize` said `capabilities.batchedEvents`. */
export interface SessionEventsNotification {
  sessionId: string;
  /** In seq order, contiguous. */
  events: SessionEventNotification[];
  /** The host of the session, for a session of another machine relayed by this daemon. */
  host?: string;
}

export interface SessionHistoryParams {
  sessionId: string;
  /** Events with a seq above this one; from the start when absent. */
  afterSeq?: number;
  limit?: number;
}

export interface SessionHistoryResult {
  events: SessionEventNotification[];
  hasMore: boolean;
}

/** Params of the methods that only name a session: get, cancel. */
export interface SessionIdParams {
  sessionId: string;
}

export interface SessionImportParams {
  agentId: string;
  agentSessionId: string;
}

export interface SessionListParams {
  cwd?: string;
  status?: SessionStatus;
}

export interface SessionListResult {
  sessions: Session[];
}

/** `sessions/outputAppended`: new stderr lines of a session's agent, batched (at most every 100 ms per session). A client that holds lines up to some seq skips the ones it has; a gap is filled with `sessions/output {afterSeq}`. */
export interface SessionOutputAppendedNotification {
  sessionId: string;
  /** In seq order, contiguous. */
  lines: SessionOutputLine[];
  /** The host of the session, for a session of another machine relayed by this daemon. */
  host?: string;
}

/** One line an agent wrote to stderr: ANSI escapes removed, secrets masked, cut at 2000 characters. */
export interface SessionOutputLine {
  /** Per session, from 1, contiguous, for as long as the daemon runs (a restart starts again at 1). */
  seq: number;
  /** When the daemon read the line. */
  at: string;
  text: string;
}

/** `sessions/output`: the recent stderr of a session's agent, as the daemon keeps it (in memory). */
export interface SessionOutputParams {
  sessionId: string;
  /** Lines with a seq above this one; every kept line when absent. */
  afterSeq?: number;
}

export interface SessionOutputResult {
  /** In seq order. */
  lines: SessionOutputLine[];
  /** True when lines after `afterSeq` were dropped already (the ring keeps only the last ones). */
  truncated: boolean;
}

export interface SessionPromptParams {
  sessionId: string;
  text: string;
}

export interface SessionPromptResult {
  turnId: string;
  stopReason: StopReason;
  usage: Usage;
}

export interface SessionRenameParams {
  sessionId: string;
  name: string;
}

/** Every turn in [since, until), one row each. */
export interface StatsExportParams {
  /** "csv" (the only format so far). */
  format: string;
  since?: string;
  until?: string;
}

export interface StatsExportResult {
  format: string;
  rows: number;
  /** The file's text: RFC 4180 CSV with a header line, invariant culture, times in UTC ISO 8601. */
  text: string;
}

/** Turns that ended in [since, until); both open when left out. */
export interface StatsGetParams {
  since?: string;
  until?: string;
  groupBy?: StatsGroupBy;
  /** Only the turns of this agent (the panel's per-day charts split by agent); every agent's when left out. */
  agentId?: string;
  /** The stats of this host's daemon (`hosts/add`), as it counts its own turns; this machine's when absent. */
  host?: string;
}

/** One group of `stats/get`: its key (a day, agent id, model or folder) and its totals. */
export interface StatsGroup {
  key: string;
  totals: StatsTotals;
}

export interface StatsLeaderboardParams {
  /** How many runs each run list holds (default 10, at most 100). */
  limit?: number;
}

/** The local leaderboard: cumulative Auto Run time with its rank, the longest runs, the most productive ones, and each agent's record. */
export interface StatsLeaderboardResult {
  autoRunMs: number;
  /** Null below the first step (15 minutes). */
  rank?: AutoRunRank;
  /** The step after Rank; null at the top. */
  nextRank?: AutoRunRank;
  longestRuns: RunLeaderboardEntry[];
  mostTasks: RunLeaderboardEntry[];
  agents: AgentLeaderboardEntry[];
}

/** Provider outages that closed in [since, until); both open when left out. */
export interface StatsOutagesParams {
  since?: string;
  until?: string;
}

/** The outages of the window, in total, per agent (most outages first) and per local day (in order). */
export interface StatsOutagesResult {
  totals: OutageTotals;
  byAgent: OutageStatsGroup[];
  byDay: OutageStatsGroup[];
}

export interface StatsResult {
  totals: StatsTotals;
  groupBy?: StatsGroupBy;
  /** Empty without `groupBy`; days in order, else the largest cost first. */
  groups: StatsGroup[];
  /** Every cost limit set in settings.json (over all agents first, then per agent) with its period's spend; empty when none is set. */
  limits: CostLimitStatus[];
}

/** Usage summed over turns. CostUsd counts only turns whose agent reported a cost; turns that used tokens without one are UncountedTurns (their tokens are in the token sums, their money nowhere). */
export interface StatsTotals {
  sessions: number;
  turns: number;
  /** Wall time of the turns, prompt to end. */
  runtimeMs: number;
  /** Wall time less the time spent waiting out a provider outage or a permission answer. */
  busyMs: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  /** Turns that used tokens but whose agent reported no cost. */
  uncountedTurns: number;
  /** Playbook tasks checked off by turns in the window. */
  tasksDone: number;
}

export interface StatusEvent {
  type: 'status';
  status: SessionStatus;
  turnId?: string;
  stopReason?: StopReason;
}

export interface ToolCallEvent {
  type: 'toolCall';
  toolCallId: string;
  /** "read", "edit", "delete", "move", "search", "execute", "think", "fetch" or "other". */
  kind: string;
  title: string;
  input?: unknown;
  status: ToolCallStatus;
}

export interface ToolCallUpdateEvent {
  type: 'toolCallUpdate';
  toolCallId: string;
  status: ToolCallStatus;
  output?: string;
  /** True when the session's permission mode refused the call, so it never ran (Status is then `failed`): a headless run names these in its failure reason, with how to allow them. */
  refused?: boolean;
}

/** Tokens and cost, per turn or summed over a session or run. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

export interface UsageEvent {
  type: 'usage';
  usage: Usage;
}

export interface Worktree {
  path: string;
  /** Null on a detached head. */
  branch?: string;
  head?: string;
  dirty: boolean;
  locked: boolean;
  /** True for the repository's main working tree. */
  isMain: boolean;
  /** The host the worktree is on; absent for this machine. */
  host?: string;
}

export interface WorktreeCreateParams {
  repo: string;
  branch: string;
  /** The commit-ish the new branch starts from; HEAD when absent. */
  base?: string;
  /** Where to put it; `<repo>.worktrees/<branch>` beside the repository when absent. */
  path?: string;
  /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
  host?: string;
}

export interface WorktreeListParams {
  repo: string;
  /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
  host?: string;
}

export interface WorktreeListResult {
  worktrees: Worktree[];
}

/** Commits the accepted (staged) changes of a worktree and merges its branch into the base branch. */
export interface WorktreeMergeParams {
  path: string;
  /** The branch to merge into; the main worktree's branch when absent. */
  base?: string;
  /** The commit message for the accepted changes; nothing is committed when absent and nothing is staged. */
  message?: string;
  strategy?: MergeStrategy;
  /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
  host?: string;
}

export interface WorktreeMergeResult {
  /** The commit made of the accepted changes, if one was made. */
  committed?: string;
  merged: boolean;
  fastForward: boolean;
  /** The new head of the base branch when merged. */
  head?: string;
  /** Paths in conflict; the base branch is left as it was. */
  conflicts: string[];
  /** Why nothing was merged, when Merged is false: conflicts, or no fast-forward possible. */
  reason?: string;
}

export interface WorktreePruneParams {
  repo: string;
  /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
  host?: string;
}

export interface WorktreePruneResult {
  pruned: string[];
}

export interface WorktreeRemoveParams {
  path: string;
  /** Remove it even with uncommitted or untracked files or a lock; with `deleteBranch`, also delete an unmerged branch. */
  force?: boolean;
  /** After removing the worktree, delete the branch it had checked out: only when its commits are merged (into its base or the main worktree's HEAD) unless `force`; never a branch checked out in another worktree. */
  deleteBranch?: boolean;
  /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
  host?: string;
}

/** What `worktrees/remove` (and `sessions/close {removeWorktree}`) removed. */
export interface WorktreeRemoveResult {
  /** The removed worktree's folder. */
  path: string;
  /** The branch it had checked out; absent for a detached HEAD. */
  branch?: string;
  /** True when `deleteBranch` deleted `branch`; false when it was not asked for or there was no branch. */
  branchDeleted: boolean;
}

/** Asks for a fresh worktree on a new branch. */
export interface WorktreeRequest {
  branch: string;
  base?: string;
}

/** The normalized event every agent adapter produces; `type` names the case. */
export type SessionEvent = PromptEvent | MessageDeltaEvent | MessageEvent | ToolCallEvent | ToolCallUpdateEvent | FileChangeEvent | PlanEvent | PermissionRequestEvent | UsageEvent | StatusEvent | ErrorEvent | OutageEvent;
export type SessionEventType = SessionEvent['type'];
export const SessionEventTypes: readonly SessionEventType[] = ['prompt', 'messageDelta', 'message', 'toolCall', 'toolCallUpdate', 'fileChange', 'plan', 'permissionRequest', 'usage', 'status', 'error', 'outage'];

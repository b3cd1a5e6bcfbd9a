namespace Maestro.Protocol;

/// <summary>Every JSON-RPC method and notification name of the protocol.</summary>
public static class Methods
{
    // Lifecycle
    [MethodShape(MethodKind.Request, typeof(InitializeParams), typeof(InitializeResult))]
    public const string Initialize = "initialize";

    [MethodShape(MethodKind.Request, null, null)]
    public const string Shutdown = "shutdown";

    [MethodShape(MethodKind.Notification, null, null)]
    public const string Exit = "exit";

    [MethodShape(MethodKind.Notification, typeof(CancelRequestParams), null)]
    public const string CancelRequest = "$/cancelRequest";

    // Agents
    [MethodShape(MethodKind.Request, null, typeof(AgentsListResult))]
    public const string AgentsList = "agents/list";

    // Sessions
    [MethodShape(MethodKind.Request, typeof(SessionCreateParams), typeof(Session))]
    public const string SessionsCreate = "sessions/create";

    [MethodShape(MethodKind.Request, typeof(SessionListParams), typeof(SessionListResult))]
    public const string SessionsList = "sessions/list";

    [MethodShape(MethodKind.Request, typeof(SessionIdParams), typeof(Session))]
    public const string SessionsGet = "sessions/get";

    [MethodShape(MethodKind.Request, typeof(SessionPromptParams), typeof(SessionPromptResult))]
    public const string SessionsPrompt = "sessions/prompt";

    [MethodShape(MethodKind.Request, typeof(SessionIdParams), null)]
    public const string SessionsCancel = "sessions/cancel";

    /// <summary>Ends the wait of a session in an outage and resends its prompt now.</summary>
    [MethodShape(MethodKind.Request, typeof(SessionIdParams), null)]
    public const string SessionsRetryNow = "sessions/retryNow";

    [MethodShape(MethodKind.Request, typeof(SessionHistoryParams), typeof(SessionHistoryResult))]
    public const string SessionsHistory = "sessions/history";

    [MethodShape(MethodKind.Request, typeof(SessionCloseParams), typeof(SessionCloseResult))]
    public const string SessionsClose = "sessions/close";

    [MethodShape(MethodKind.Request, typeof(SessionRenameParams), typeof(Session))]
    public const string SessionsRename = "sessions/rename";

    /// <summary>Switches the session's agent, model or permission mode for its next turn; refused while a turn runs.</summary>
    [MethodShape(MethodKind.Request, typeof(SessionConfigureParams), typeof(Session))]
    public const string SessionsConfigure = "sessions/configure";

    [MethodShape(MethodKind.Request, typeof(SessionArchiveParams), typeof(Session))]
    public const string SessionsArchive = "sessions/archive";

    [MethodShape(MethodKind.Request, typeof(SessionDeleteParams), null)]
    public const string SessionsDelete = "sessions/delete";

    [MethodShape(MethodKind.Request, typeof(SessionDiscoverParams), typeof(SessionDiscoverResult))]
    public const string SessionsDiscover = "sessions/discover";

    [MethodShape(MethodKind.Request, typeof(SessionImportParams), typeof(Session))]
    public const string SessionsImport = "sessions/import";

    /// <summary>The recent stderr of a session's agent (kept in memory by the daemon, bounded).</summary>
    [MethodShape(MethodKind.Request, typeof(SessionOutputParams), typeof(SessionOutputResult))]
    public const string SessionsOutput = "sessions/output";

    [MethodShape(MethodKind.ServerNotification, typeof(SessionEventNotification), null)]
    public const string SessionsEvent = "sessions/event";

    [MethodShape(MethodKind.ServerNotification, typeof(SessionEventsNotification), null)]
    public const string SessionsEvents = "sessions/events";

    [MethodShape(MethodKind.ServerNotification, typeof(SessionChangedNotification), null)]
    public const string SessionsChanged = "sessions/changed";

    /// <summary>New stderr lines of a session's agent, batched.</summary>
    [MethodShape(MethodKind.ServerNotification, typeof(SessionOutputAppendedNotification), null)]
    public const string SessionsOutputAppended = "sessions/outputAppended";

    [MethodShape(MethodKind.ServerRequest, typeof(PermissionRequestParams), typeof(PermissionResponse))]
    public const string PermissionsRequest = "permissions/request";

    // Git, worktrees, review
    [MethodShape(MethodKind.Request, typeof(GitStatusParams), typeof(GitStatusResult))]
    public const string GitStatus = "git/status";

    [MethodShape(MethodKind.Request, typeof(GitLogParams), typeof(GitLogResult))]
    public const string GitLog = "git/log";

    [MethodShape(MethodKind.Request, typeof(GitBranchesParams), typeof(GitBranchesResult))]
    public const string GitBranches = "git/branches";

    [MethodShape(MethodKind.Request, typeof(WorktreeListParams), typeof(WorktreeListResult))]
    public const string WorktreesList = "worktrees/list";

    [MethodShape(MethodKind.Request, typeof(WorktreeCreateParams), typeof(Worktree))]
    public const string WorktreesCreate = "worktrees/create";

    [MethodShape(MethodKind.Request, typeof(WorktreeRemoveParams), typeof(WorktreeRemoveResult))]
    public const string WorktreesRemove = "worktrees/remove";

    [MethodShape(MethodKind.Request, typeof(WorktreePruneParams), typeof(WorktreePruneResult))]
    public const string WorktreesPrune = "worktrees/prune";

    [MethodShape(MethodKind.Request, typeof(WorktreeMergeParams), typeof(WorktreeMergeResult))]
    public const string WorktreesMerge = "worktrees/merge";

    /// <summary>The text of a file in a working tree (for a client that cannot read it: a host's session).</summary>
    [MethodShape(MethodKind.Request, typeof(FilesReadParams), typeof(FilesReadResult))]
    public const string FilesRead = "files/read";

    [MethodShape(MethodKind.Request, typeof(ReviewChangesParams), typeof(ReviewChangesResult))]
    public const string ReviewChanges = "review/changes";

    [MethodShape(MethodKind.Request, typeof(ReviewSelectionParams), typeof(ReviewAcceptResult))]
    public const string ReviewAccept = "review/accept";

    [MethodShape(MethodKind.Request, typeof(ReviewSelectionParams), typeof(ReviewRejectResult))]
    public const string ReviewReject = "review/reject";

    /// <summary>Stages hunks (of the index review) or files into git's index: the one review call that touches it.</summary>
    [MethodShape(MethodKind.Request, typeof(ReviewSelectionParams), typeof(ReviewStageResult))]
    public const string ReviewStage = "review/stage";

    [MethodShape(MethodKind.Request, typeof(ReviewUndoParams), typeof(ReviewUndoResult))]
    public const string ReviewUndo = "review/undo";

    [MethodShape(MethodKind.ServerNotification, typeof(ReviewChangedNotification), null)]
    public const string ReviewChanged = "review/changed";

    // Playbooks and runs
    [MethodShape(MethodKind.Request, typeof(PlaybooksListParams), typeof(PlaybooksListResult))]
    public const string PlaybooksList = "playbooks/list";

    [MethodShape(MethodKind.Request, typeof(PlaybookRunParams), typeof(Run))]
    public const string PlaybooksRun = "playbooks/run";

    [MethodShape(MethodKind.Request, typeof(RunsListParams), typeof(RunsListResult))]
    public const string RunsList = "runs/list";

    [MethodShape(MethodKind.Request, typeof(RunIdParams), typeof(Run))]
    public const string RunsGet = "runs/get";

    [MethodShape(MethodKind.Request, typeof(RunIdParams), null)]
    public const string RunsStop = "runs/stop";

    /// <summary>Every task of a run's playbook with its state and its attempts' sessions (the run page's rows).</summary>
    [MethodShape(MethodKind.Request, typeof(RunIdParams), typeof(RunTasksResult))]
    public const string RunsTasks = "runs/tasks";

    [MethodShape(MethodKind.ServerNotification, typeof(RunProgressNotification), null)]
    public const string RunsProgress = "runs/progress";

    /// <summary>Approves the HITL gate a run waits at: ticks the task below it; the run goes on. Answers the run once it has.</summary>
    [MethodShape(MethodKind.Request, typeof(RunIdParams), typeof(Run))]
    public const string RunsApprove = "runs/approve";

    // Group chat
    [MethodShape(MethodKind.Request, typeof(ChatCreateParams), typeof(Room))]
    public const string ChatCreate = "chat/create";

    [MethodShape(MethodKind.Request, null, typeof(ChatListResult))]
    public const string ChatList = "chat/list";

    [MethodShape(MethodKind.Request, typeof(ChatRoomIdParams), typeof(Room))]
    public const string ChatGet = "chat/get";

    [MethodShape(MethodKind.Request, typeof(ChatHistoryParams), typeof(ChatHistoryResult))]
    public const string ChatHistory = "chat/history";

    /// <summary>Stores the user's message and routes it; answers at once, the replies arrive as <c>chat/message</c>.</summary>
    [MethodShape(MethodKind.Request, typeof(ChatPostParams), typeof(ChatPostResult))]
    public const string ChatPost = "chat/post";

    /// <summary>Cancels every turn of the room, running or queued.</summary>
    [MethodShape(MethodKind.Request, typeof(ChatRoomIdParams), null)]
    public const string ChatCancel = "chat/cancel";

    [MethodShape(MethodKind.Request, typeof(ChatAddParticipantParams), typeof(Room))]
    public const string ChatAddParticipant = "chat/addParticipant";

    /// <summary>Removes a participant; its running turn is cancelled and no later reply brings it back.</summary>
    [MethodShape(MethodKind.Request, typeof(ChatRemoveParticipantParams), typeof(Room))]
    public const string ChatRemoveParticipant = "chat/removeParticipant";

    [MethodShape(MethodKind.Request, typeof(ChatRoomIdParams), null)]
    public const string ChatClose = "chat/close";

    [MethodShape(MethodKind.ServerNotification, typeof(ChatMessageNotification), null)]
    public const string ChatMessage = "chat/message";

    [MethodShape(MethodKind.ServerNotification, typeof(ChatChangedNotification), null)]
    public const string ChatChanged = "chat/changed";

    // Stats and remote
    [MethodShape(MethodKind.Request, typeof(StatsGetParams), typeof(StatsResult))]
    public const string StatsGet = "stats/get";

    [MethodShape(MethodKind.Request, typeof(StatsLeaderboardParams), typeof(StatsLeaderboardResult))]
    public const string StatsLeaderboard = "stats/leaderboard";

    [MethodShape(MethodKind.Request, typeof(StatsExportParams), typeof(StatsExportResult))]
    public const string StatsExport = "stats/export";

    /// <summary>A cost limit (settings.json costLimits) is 80 % or 100 % spent.</summary>
    [MethodShape(MethodKind.ServerNotification, typeof(BudgetWarningNotification), null)]
    public const string StatsBudgetWarning = "stats/budgetWarning";

    /// <summary>Provider outages bridged, downtime covered and recovery rate, per agent and per day (docs/stats.md).</summary>
    [MethodShape(MethodKind.Request, typeof(StatsOutagesParams), typeof(StatsOutagesResult))]
    public const string StatsOutages = "stats/outages";

    [MethodShape(MethodKind.Request, typeof(RemoteStartParams), typeof(RemoteStartResult))]
    public const string RemoteStart = "remote/start";

    /// <summary>Stops remote access: closes every remote socket at once and invalidates the tokens.</summary>
    [MethodShape(MethodKind.Request, null, null)]
    public const string RemoteStop = "remote/stop";

    [MethodShape(MethodKind.Request, null, typeof(RemoteStatusResult))]
    public const string RemoteStatus = "remote/status";

    /// <summary>The first message on the remote page's WebSocket (<c>/rpc</c>); anything before it is Unauthorized.</summary>
    [MethodShape(MethodKind.Request, typeof(RemoteAuthenticateParams), typeof(RemoteAuthenticateResult))]
    public const string RemoteAuthenticate = "remote/authenticate";

    // Hosts: machines reached over SSH (docs/hosts.md)
    /// <summary>Adds a host; its options that run programs or weaken host key checking come back in <c>warnings</c>.</summary>
    [MethodShape(MethodKind.Request, typeof(HostAddParams), typeof(HostInfo))]
    public const string HostsAdd = "hosts/add";

    [MethodShape(MethodKind.Request, null, typeof(HostListResult))]
    public const string HostsList = "hosts/list";

    [MethodShape(MethodKind.Request, typeof(HostNameParams), null)]
    public const string HostsRemove = "hosts/remove";

    /// <summary>Connects over SSH and reports the host's platform, its maestro and its agent CLIs.</summary>
    [MethodShape(MethodKind.Request, typeof(HostNameParams), typeof(HostTestResult))]
    public const string HostsTest = "hosts/test";

    /// <summary>Copies this version's server for the host's platform to <c>~/.maestro/bin/&lt;version&gt;/</c> over SSH; skipped when there.</summary>
    [MethodShape(MethodKind.Request, typeof(HostNameParams), typeof(HostInstallResult))]
    public const string HostsInstall = "hosts/install";

    // Operations of the per-user daemon (not available with serve --in-process)
    [MethodShape(MethodKind.Request, null, typeof(DaemonStatusResult))]
    public const string DaemonStatus = "daemon/status";

    [MethodShape(MethodKind.Request, null, null)]
    public const string DaemonStop = "daemon/stop";
}

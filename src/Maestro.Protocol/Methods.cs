namespace Maestro.Protocol;

/// <summary>Every JSON-RPC method and notification name of the protocol.</summary>
public static class Methods
{
    // Lifecycle
    public const string Initialize = "initialize";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string CancelRequest = "$/cancelRequest";

    // Agents
    public const string AgentsList = "agents/list";

    // Sessions
    public const string SessionsCreate = "sessions/create";
    public const string SessionsList = "sessions/list";
    public const string SessionsGet = "sessions/get";
    public const string SessionsPrompt = "sessions/prompt";
    public const string SessionsCancel = "sessions/cancel";
    public const string SessionsHistory = "sessions/history";
    public const string SessionsClose = "sessions/close";
    public const string SessionsRename = "sessions/rename";
    public const string SessionsDiscover = "sessions/discover";
    public const string SessionsImport = "sessions/import";
    public const string SessionsEvent = "sessions/event";
    public const string SessionsEvents = "sessions/events";
    public const string SessionsChanged = "sessions/changed";
    public const string PermissionsRequest = "permissions/request";

    // Git, worktrees, review
    public const string GitStatus = "git/status";
    public const string GitLog = "git/log";
    public const string GitBranches = "git/branches";
    public const string WorktreesList = "worktrees/list";
    public const string WorktreesCreate = "worktrees/create";
    public const string WorktreesRemove = "worktrees/remove";
    public const string WorktreesPrune = "worktrees/prune";
    public const string WorktreesMerge = "worktrees/merge";
    public const string ReviewChanges = "review/changes";
    public const string ReviewAccept = "review/accept";
    public const string ReviewReject = "review/reject";
    public const string ReviewChanged = "review/changed";

    // Playbooks and runs
    public const string PlaybooksList = "playbooks/list";
    public const string PlaybooksRun = "playbooks/run";
    public const string RunsList = "runs/list";
    public const string RunsGet = "runs/get";
    public const string RunsStop = "runs/stop";
    public const string RunsProgress = "runs/progress";

    // Group chat
    public const string ChatCreate = "chat/create";
    public const string ChatPost = "chat/post";
    public const string ChatHistory = "chat/history";
    public const string ChatList = "chat/list";
    public const string ChatMessage = "chat/message";

    // Stats and remote
    public const string StatsGet = "stats/get";
    public const string RemoteStart = "remote/start";
    public const string RemoteStop = "remote/stop";

    // Operations of the per-user daemon (not available with serve --in-process)
    public const string DaemonStatus = "daemon/status";
    public const string DaemonStop = "daemon/stop";
}

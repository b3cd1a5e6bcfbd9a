namespace Maestro.Protocol;

/// <summary>The <c>data.kind</c> string that names each Maestro error.</summary>
public static class ErrorKinds
{
    public const string ParseError = "ParseError";
    public const string InvalidRequest = "InvalidRequest";
    public const string MethodNotFound = "MethodNotFound";
    public const string FeatureNotLanded = "FeatureNotLanded";
    public const string InvalidParams = "InvalidParams";
    public const string InternalError = "InternalError";
    public const string ServerNotInitialized = "ServerNotInitialized";
    public const string ProtocolVersionMismatch = "ProtocolVersionMismatch";
    public const string MessageTooLarge = "MessageTooLarge";
    public const string ShuttingDown = "ShuttingDown";

    public const string SessionNotFound = "SessionNotFound";
    public const string AgentUnavailable = "AgentUnavailable";
    public const string NotARepository = "NotARepository";
    public const string WorktreeDirty = "WorktreeDirty";
    public const string StaleHunk = "StaleHunk";
    public const string PathOutsideWorkspace = "PathOutsideWorkspace";
    public const string Busy = "Busy";
    public const string PlaybookInvalid = "PlaybookInvalid";
    public const string Unauthorized = "Unauthorized";
    public const string MixedHunk = "MixedHunk";
    public const string ReviewConflict = "ReviewConflict";
    public const string BudgetExceeded = "BudgetExceeded";
    public const string RoomNotFound = "RoomNotFound";
    public const string RoomClosed = "RoomClosed";
    public const string HostNotFound = "HostNotFound";
    public const string HostUnreachable = "HostUnreachable";
    public const string HostKeyRejected = "HostKeyRejected";
    public const string HostAuthFailed = "HostAuthFailed";
    public const string ServerBuildMissing = "ServerBuildMissing";
    public const string TunnelUnavailable = "TunnelUnavailable";
    public const string BranchNotMerged = "BranchNotMerged";
}

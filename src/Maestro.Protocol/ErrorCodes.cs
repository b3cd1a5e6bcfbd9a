namespace Maestro.Protocol;

/// <summary>JSON-RPC error codes: the standard ones and Maestro's own (-32010 and up).</summary>
public static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;

    public const int SessionNotFound = -32010;
    public const int AgentUnavailable = -32011;
    public const int NotARepository = -32012;
    public const int WorktreeDirty = -32013;
    public const int StaleHunk = -32014;
    public const int PathOutsideWorkspace = -32015;
    public const int Busy = -32016;
    public const int PlaybookInvalid = -32017;
    public const int Unauthorized = -32018;
    public const int MixedHunk = -32019;
    public const int ReviewConflict = -32020;
    public const int BudgetExceeded = -32021;
    public const int RoomNotFound = -32022;
    public const int RoomClosed = -32023;
    public const int HostNotFound = -32024;
    public const int HostUnreachable = -32025;
    public const int HostKeyRejected = -32026;
    public const int HostAuthFailed = -32027;
    public const int ServerBuildMissing = -32028;
    public const int TunnelUnavailable = -32029;
    public const int BranchNotMerged = -32030;
}

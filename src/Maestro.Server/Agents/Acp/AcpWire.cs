namespace Maestro.Server.Agents.Acp;

/// <summary>
/// The names the Agent Client Protocol puts on the wire, in one place: the methods each side calls, the kinds of
/// <c>session/update</c>, and the enumerations Maestro reads or answers with (agentclientprotocol.com/protocol).
/// </summary>
internal static class AcpWire
{
    /// <summary>Methods Maestro (the ACP client) calls on the agent.</summary>
    public static class AgentMethods
    {
        public const string Initialize = "initialize";
        public const string SessionNew = "session/new";
        public const string SessionLoad = "session/load";
        public const string SessionPrompt = "session/prompt";
        public const string SessionCancel = "session/cancel";
        public const string SessionSetMode = "session/set_mode";
        public const string SessionSetConfigOption = "session/set_config_option";
        public const string Authenticate = "authenticate";
    }

    /// <summary>Methods the agent calls on Maestro.</summary>
    public static class ClientMethods
    {
        public const string SessionUpdate = "session/update";
        public const string SessionRequestPermission = "session/request_permission";
        public const string FsReadTextFile = "fs/read_text_file";
        public const string FsWriteTextFile = "fs/write_text_file";
    }

    /// <summary>The <c>sessionUpdate</c> kinds of <c>session/update</c>.</summary>
    public static class Updates
    {
        public const string AgentMessageChunk = "agent_message_chunk";
        public const string AgentThoughtChunk = "agent_thought_chunk";
        public const string UserMessageChunk = "user_message_chunk";
        public const string AvailableCommandsUpdate = "available_commands_update";
        public const string CurrentModeUpdate = "current_mode_update";
        public const string ConfigOptionUpdate = "config_option_update";
        public const string UsageUpdate = "usage_update";
        public const string ToolCall = "tool_call";
        public const string ToolCallUpdate = "tool_call_update";
        public const string Plan = "plan";
    }

    /// <summary>The <c>stopReason</c> of a <c>session/prompt</c> result.</summary>
    public static class StopReasons
    {
        public const string EndTurn = "end_turn";
        public const string Cancelled = "cancelled";
        public const string MaxTokens = "max_tokens";
        public const string MaxTurnRequests = "max_turn_requests";
        public const string Refusal = "refusal";
    }

    /// <summary>The status of a tool call, and of a plan entry.</summary>
    public static class Statuses
    {
        public const string Pending = "pending";
        public const string InProgress = "in_progress";
        public const string Completed = "completed";
        public const string Failed = "failed";
    }

    /// <summary>The kinds of the options a permission request offers.</summary>
    public static class PermissionOptionKinds
    {
        public const string AllowOnce = "allow_once";
        public const string AllowAlways = "allow_always";
        public const string RejectOnce = "reject_once";
        public const string RejectAlways = "reject_always";
    }

    /// <summary>The outcome of a permission request the user did not answer (the turn was cancelled).</summary>
    public const string OutcomeCancelled = "cancelled";
}

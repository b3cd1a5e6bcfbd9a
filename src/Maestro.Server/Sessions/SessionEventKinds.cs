using Maestro.Protocol;

namespace Maestro.Server.Sessions;

/// <summary>The <c>type</c> discriminator of each event, as stored in the <c>kind</c> column.</summary>
public static class SessionEventKinds
{
    public static string Of(SessionEvent e) => e switch
    {
        PromptEvent => "prompt",
        MessageDeltaEvent => "messageDelta",
        MessageEvent => "message",
        ToolCallEvent => "toolCall",
        ToolCallUpdateEvent => "toolCallUpdate",
        FileChangeEvent => "fileChange",
        PlanEvent => "plan",
        PermissionRequestEvent => "permissionRequest",
        UsageEvent => "usage",
        StatusEvent => "status",
        ErrorEvent => "error",
        OutageEvent => "outage",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type."),
    };
}

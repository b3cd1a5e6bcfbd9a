using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// A backend's permission request (Maestro's <c>permissions/request</c>) as ACP <c>session/request_permission</c>, with
/// the backend's own options, and the editor's outcome back as Maestro's answer.
/// </summary>
public static class AcpPermissions
{
    public static JsonObject Request(string sessionId, PermissionRequestParams request)
    {
        var toolCall = new JsonObject
        {
            ["toolCallId"] = request.ToolCall.Id,
            ["title"] = request.ToolCall.Title,
            ["kind"] = request.ToolCall.Kind,
            ["status"] = AcpWire.Statuses.Pending,
        };
        if (request.ToolCall.Input is { ValueKind: JsonValueKind.Object } input)
        {
            toolCall["rawInput"] = JsonNode.Parse(input.GetRawText());
        }

        return new JsonObject
        {
            ["sessionId"] = sessionId,
            ["toolCall"] = toolCall,
            ["options"] = new JsonArray(request.Options.Select(o => (JsonNode)new JsonObject
            {
                ["optionId"] = o.Id,
                ["name"] = o.Label,
                ["kind"] = o.Kind switch
                {
                    PermissionOptionKind.AllowOnce => AcpWire.PermissionOptionKinds.AllowOnce,
                    PermissionOptionKind.AllowAlways => AcpWire.PermissionOptionKinds.AllowAlways,
                    PermissionOptionKind.RejectAlways => AcpWire.PermissionOptionKinds.RejectAlways,
                    _ => AcpWire.PermissionOptionKinds.RejectOnce,
                },
            }).ToArray()),
        };
    }

    /// <summary>The editor's outcome: a selected option of the request, else cancelled (an unknown option is not guessed at).</summary>
    public static PermissionResponse Answer(JsonObject? answer, PermissionRequestParams request)
    {
        var outcome = answer?["outcome"] as JsonObject;
        var optionId = outcome?["outcome"]?.GetValue<string>() == "selected" ? outcome["optionId"]?.GetValue<string>() : null;
        return optionId is not null && request.Options.Any(o => o.Id == optionId)
            ? new PermissionResponse { OptionId = optionId }
            : new PermissionResponse { Cancelled = true };
    }
}

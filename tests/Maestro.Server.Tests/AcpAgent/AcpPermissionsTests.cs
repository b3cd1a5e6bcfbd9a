using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.AcpAgent;

namespace Maestro.Server.Tests.AcpAgent;

/// <summary>A backend's permission request as ACP session/request_permission, and the editor's outcome back.</summary>
public sealed class AcpPermissionsTests
{
    private static readonly PermissionRequestParams Request = new()
    {
        SessionId = "s1",
        ToolCall = new PermissionToolCall { Id = "tc", Title = "Write a.txt", Kind = "edit" },
        Options =
        [
            new PermissionOption { Id = "yes", Label = "Allow", Kind = PermissionOptionKind.AllowOnce },
            new PermissionOption { Id = "always", Label = "Always allow", Kind = PermissionOptionKind.AllowAlways },
            new PermissionOption { Id = "no", Label = "Reject", Kind = PermissionOptionKind.RejectOnce },
        ],
    };

    [Fact]
    public void The_backends_options_are_offered_with_ACP_kinds()
    {
        var request = AcpPermissions.Request("s1", Request);
        Assert.Equal("s1", (string?)request["sessionId"]);
        Assert.Equal("tc", (string?)request["toolCall"]!["toolCallId"]);
        var options = request["options"]!.AsArray().Select(o => ((string?)o!["optionId"], (string?)o["name"], (string?)o["kind"])).ToList();
        Assert.Equal([("yes", "Allow", "allow_once"), ("always", "Always allow", "allow_always"), ("no", "Reject", "reject_once")], options);
    }

    [Fact]
    public void A_selected_option_is_the_answer_and_cancelled_or_unknown_options_cancel()
    {
        Assert.Equal("always", AcpPermissions.Answer(JsonNode.Parse("""{"outcome":{"outcome":"selected","optionId":"always"}}""")!.AsObject(), Request).OptionId);
        Assert.True(AcpPermissions.Answer(JsonNode.Parse("""{"outcome":{"outcome":"cancelled"}}""")!.AsObject(), Request).Cancelled);
        Assert.True(AcpPermissions.Answer(JsonNode.Parse("""{"outcome":{"outcome":"selected","optionId":"made-up"}}""")!.AsObject(), Request).Cancelled);
        Assert.True(AcpPermissions.Answer(null, Request).Cancelled);
    }
}

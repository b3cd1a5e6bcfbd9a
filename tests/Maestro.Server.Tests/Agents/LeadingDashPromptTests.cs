using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// A prompt that starts with <c>-</c> (a markdown bullet, <c>--version</c>) reaches each real agent CLI as the user's
/// text, not as an option: the scripted model server must receive exactly that text, and the turn must succeed.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class LeadingDashPromptTests : IAsyncLifetime
{
    private ScriptedModelServer model = null!;
    private AgentSandbox sandbox = null!;
    private TempDirectory home = null!;

    public async Task InitializeAsync()
    {
        model = await ScriptedModelServer.StartAsync();
        sandbox = await AgentSandbox.CreateAsync("dash");
        home = new TempDirectory("mh");
    }

    public async Task DisposeAsync()
    {
        await model.DisposeAsync();
        sandbox.Dispose();
        home.Dispose();
    }

    [Theory]
    [InlineData("claude-code")]
    [InlineData("codex")]
    [InlineData("opencode")]
    [InlineData("gemini")]
    public async Task A_prompt_starting_with_a_dash_reaches_the_model_as_the_users_text(string agentId)
    {
        await ConfigureAsync(agentId);
        await using var server = new TestServer(o => o with { AgentIdleTimeout = TimeSpan.FromSeconds(90) }, home: home.Path);
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync(agentId, recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams
        {
            AgentId = agentId,
            Cwd = sandbox.Repo,
            PermissionMode = agentId == "gemini" ? PermissionMode.Bypass : PermissionMode.AcceptEdits,
            Model = agentId == "gemini" ? GeminiCli.Model : null,
        });

        // The second prompt also runs on the resume path, whose command line differs.
        foreach (var prompt in new[] { "- fix the bug", "--version please" })
        {
            model.EnqueueTurn(ScriptStep.Text("Done."));
            var before = model.Requests.Count;
            var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = prompt });
            Assert.True(
                result.StopReason == StopReason.EndTurn,
                $"{prompt}: {result.StopReason}\n" + string.Join("\n", recorder.For(session.Id).Select(e => e.Event).OfType<ErrorEvent>().Select(e => e.Message + "\n" + e.Detail)));
            Assert.True(
                model.Requests.Skip(before).Any(r => HasText(r.Json, prompt)),
                $"no model request carried the text '{prompt}':\n" + string.Join("\n---\n", model.Requests.Skip(before).Select(r => UserText(r.Json))));
        }
    }

    /// <summary>Whether some string of the request is exactly <paramref name="text"/> (a user message or content part).</summary>
    private static bool HasText(JsonNode? node, string text) => node switch
    {
        JsonObject o => o.Any(p => HasText(p.Value, text)),
        JsonArray a => a.Any(n => HasText(n, text)),
        JsonValue v => v.TryGetValue<string>(out var s) && s.Trim() == text,
        _ => false,
    };

    /// <summary>What the requests say as the user, for the failure message.</summary>
    private static string UserText(JsonNode? request)
        => string.Join(" | ", (request?["messages"] as JsonArray ?? request?["input"] as JsonArray ?? request?["contents"] as JsonArray ?? [])
            .Where(m => (string?)m?["role"] == "user")
            .Select(m => m!["content"]?.ToJsonString() ?? m["parts"]?.ToJsonString()));

    private async Task ConfigureAsync(string agentId)
    {
        switch (agentId)
        {
            case "claude-code":
                await MaestroAgentSettings.WriteAsync(home.Path, agentId, AgentClis.Claude, ClaudeCodeCli.Environment(sandbox, model.BaseUrl));
                break;
            case "codex":
                CodexCli.WriteConfig(sandbox, model.BaseUrl);
                await MaestroAgentSettings.WriteAsync(home.Path, agentId, AgentClis.Codex, CodexCli.Environment(sandbox));
                break;
            case "gemini":
                GeminiCli.WriteSettings(sandbox);
                await MaestroAgentSettings.WriteAsync(home.Path, agentId, AgentClis.Gemini, GeminiCli.Environment(sandbox, model.BaseUrl));
                break;
            default:
                OpenCodeCli.WriteConfig(sandbox, model.BaseUrl);
                await MaestroAgentSettings.WriteAsync(home.Path, agentId, AgentClis.OpenCode, OpenCodeCli.Environment(sandbox));
                break;
        }
    }
}

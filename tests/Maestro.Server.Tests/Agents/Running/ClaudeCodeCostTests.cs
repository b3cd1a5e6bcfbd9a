using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;

namespace Maestro.Server.Tests.Agents.Running;

/// <summary>
/// The real Claude Code CLI, resumed turn after turn against the scripted model server (same script and usage every
/// turn): on --resume its total_cost_usd is the conversation's running total, so each turn must be stored as the
/// difference, across a restart too, and a turn that reached no model costs nothing.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class ClaudeCodeCostTests : RealClaudeTestBase
{
    protected override string SandboxName => "claude-cost";

    // The refused turn below must reach Maestro at once: Claude Code's own retries of a 401 take about 3 minutes.
    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string> { ["CLAUDE_CODE_MAX_RETRIES"] = "0" };

    [Fact]
    public async Task Each_resumed_turn_costs_only_its_own_requests()
    {
        var costs = new List<decimal>();
        string sessionId;
        await using (var server = new TestServer(o => o with { AgentIdleTimeout = TimeSpan.FromSeconds(90) }, home: Home.Path))
        {
            using var rpc = await server.ConnectInitializedAsync("cost");
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = AgentId, Cwd = Sandbox.Repo, PermissionMode = PermissionMode.AcceptEdits });
            sessionId = session.Id;
            for (var i = 0; i < 2; i++)
            {
                costs.Add(await TurnAsync(rpc, sessionId, i));
            }

            // A turn whose only request is refused: nothing was spent, whatever total the CLI repeats.
            Model.Fault = ServerFault.Http(401);
            var refused = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "this one fails" });
            Model.Fault = null;
            Assert.Equal(0m, refused.Usage.CostUsd);
        }

        // The last total survives a restart: the next turns still cost only their own share.
        await using (var restarted = new TestServer(o => o with { AgentIdleTimeout = TimeSpan.FromSeconds(90) }, home: Home.Path))
        {
            using var rpc = await restarted.ConnectInitializedAsync("cost-again");
            for (var i = 2; i < 4; i++)
            {
                costs.Add(await TurnAsync(rpc, sessionId, i));
            }

            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId });
            Assert.Equal(costs.Sum(), session.Usage.CostUsd);
        }

        Assert.All(costs, c => Assert.True(c > 0, "every answered turn costs something: " + string.Join(", ", costs)));
        // Identical turns cost about the same; the running total would make the fourth cost four times the first.
        Assert.All(costs.Skip(1), c => Assert.True(c < costs[0] * 1.5m, "a resumed turn was charged the conversation's total: " + string.Join(", ", costs)));
    }

    private async Task<decimal> TurnAsync(StreamJsonRpc.JsonRpc rpc, string sessionId, int index)
    {
        Model.EnqueueTurn(ScriptStep.Text($"Answer {index}."));
        var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = $"Say answer {index}" });
        Assert.Equal(StopReason.EndTurn, result.StopReason);
        return result.Usage.CostUsd;
    }
}

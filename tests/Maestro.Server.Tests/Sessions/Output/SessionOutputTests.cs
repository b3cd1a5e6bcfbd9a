using Maestro.Protocol;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions.Output;

/// <summary>
/// <c>sessions/output</c> and <c>sessions/outputAppended</c> against real agent processes: the misbehaving STAND-INS
/// (tests/fixtures/agents) write numbered stderr lines and one with secrets, as a native CLI and as an ACP agent.
/// </summary>
public sealed class SessionOutputTests : IAsyncLifetime
{
    private static readonly string[] Secrets = [MisbehavingAgents.Leaked, "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123"];

    private TempDirectory home = null!;
    private TempDirectory work = null!;

    public async Task InitializeAsync()
    {
        home = new TempDirectory("output-home");
        work = new TempDirectory("output-work");
        await MisbehavingAgents.WriteSettingsAsync(home.Path);
    }

    public Task DisposeAsync()
    {
        home.Dispose();
        work.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(MisbehavingAgents.Native)]
    [InlineData(MisbehavingAgents.Acp)]
    public async Task The_agents_stderr_is_kept_in_order_with_secrets_masked_and_sent_to_every_client(string agentId)
    {
        await using var server = new TestServer(home: home.Path);
        var rpc = await server.ConnectInitializedAsync("output-test");
        var watcher = new OutputRecorder();
        var second = await server.ConnectInitializedAsync("output-watcher", watcher);
        var session = await CreateAsync(rpc, agentId);

        await PromptAsync(rpc, session, "stderr 5");

        var output = await WaitForLinesAsync(rpc, session, 6);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), output.Lines.Select(l => l.Seq));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"stderr line {i}"), output.Lines.Take(5).Select(l => l.Text)); // colours removed
        Assert.Equal("auth with [redacted] key [redacted]", output.Lines[5].Text);
        Assert.False(output.Truncated);
        Assert.All(output.Lines, l => Assert.True(l.At > DateTimeOffset.UtcNow.AddMinutes(-5) && l.At <= DateTimeOffset.UtcNow));

        // The other client was sent the same lines, batched, in order.
        await Wait.UntilAsync(() => watcher.For(session.Id).Count >= 6, what: "sessions/outputAppended on the second client");
        Assert.Equal(output.Lines, watcher.For(session.Id));
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, string.Join('\n', watcher.For(session.Id).Select(l => l.Text)), StringComparison.Ordinal);
        }

        // A later turn goes on numbering; afterSeq reads only what came since.
        await PromptAsync(rpc, session, "stderr 2");
        var later = await WaitForLinesAsync(rpc, session, 3, afterSeq: 6);
        Assert.Equal([7L, 8, 9], later.Lines.Select(l => l.Seq));
        Assert.Equal("stderr line 1", later.Lines[0].Text);
        Assert.False(later.Truncated);
        second.Dispose();
    }

    [Fact]
    public async Task The_output_keeps_only_the_latest_lines_and_says_when_some_were_dropped()
    {
        await using var server = new TestServer(o => o with { SessionOutputLines = 50 }, home: home.Path);
        var rpc = await server.ConnectInitializedAsync("output-bounded");
        var session = await CreateAsync(rpc, MisbehavingAgents.Native);

        await PromptAsync(rpc, session, "stderr 119"); // 119 numbered lines and the secret one: 120

        var output = await WaitForLinesAsync(rpc, session, 50, lastSeq: 120);
        Assert.Equal(Enumerable.Range(71, 50).Select(i => (long)i), output.Lines.Select(l => l.Seq));
        Assert.Equal("stderr line 71", output.Lines[0].Text);
        Assert.True(output.Truncated);
        var recent = await OutputAsync(rpc, session, afterSeq: 100);
        Assert.Equal(20, recent.Lines.Count);
        Assert.False(recent.Truncated);
        Assert.True((await OutputAsync(rpc, session, afterSeq: 10)).Truncated);
    }

    [Fact]
    public async Task The_output_is_bounded_in_bytes_too()
    {
        await using var server = new TestServer(o => o with { SessionOutputBytes = 200 }, home: home.Path);
        var rpc = await server.ConnectInitializedAsync("output-bytes");
        var session = await CreateAsync(rpc, MisbehavingAgents.Native);

        await PromptAsync(rpc, session, "stderr 40");

        var output = await WaitForLinesAsync(rpc, session, 1, lastSeq: 41);
        Assert.True(output.Lines.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l.Text)) <= 200);
        Assert.True(output.Truncated);
        Assert.Equal(41, output.Lines[^1].Seq);
    }

    [Fact]
    public async Task An_unknown_session_is_SessionNotFound_and_a_quiet_one_has_no_lines()
    {
        await using var server = new TestServer(home: home.Path);
        var rpc = await server.ConnectInitializedAsync("output-unknown");

        await GitRpc.FailsAsync(() => OutputAsync(rpc, "s_000000000000"), ErrorCodes.SessionNotFound);

        var session = await CreateAsync(rpc, MisbehavingAgents.Native);
        var quiet = await OutputAsync(rpc, session.Id);
        Assert.Empty(quiet.Lines);
        Assert.False(quiet.Truncated);

        // A deleted session's output goes with it.
        await PromptAsync(rpc, session, "stderr 1");
        await WaitForLinesAsync(rpc, session, 2);
        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsDelete, new SessionDeleteParams { SessionId = session.Id, Force = true });
        await GitRpc.FailsAsync(() => OutputAsync(rpc, session.Id), ErrorCodes.SessionNotFound);
    }

    private async Task<Session> CreateAsync(JsonRpc rpc, string agentId)
        => await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = agentId, Cwd = work.Path, PermissionMode = PermissionMode.Bypass });

    private static async Task PromptAsync(JsonRpc rpc, Session session, string fault)
    {
        var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = fault })
            .WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(StopReason.EndTurn, result.StopReason);
    }

    private static Task<SessionOutputResult> OutputAsync(JsonRpc rpc, Session session, long? afterSeq = null) => OutputAsync(rpc, session.Id, afterSeq);

    private static Task<SessionOutputResult> OutputAsync(JsonRpc rpc, string sessionId, long? afterSeq = null)
        => rpc.InvokeWithParameterObjectAsync<SessionOutputResult>(Methods.SessionsOutput, new SessionOutputParams { SessionId = sessionId, AfterSeq = afterSeq });

    /// <summary>An ACP agent's stderr is read beside its answers: the last lines may land just after the turn ends.</summary>
    private static async Task<SessionOutputResult> WaitForLinesAsync(JsonRpc rpc, Session session, int count, long? afterSeq = null, long? lastSeq = null)
    {
        SessionOutputResult? output = null;
        await Wait.UntilAsync(
            async () =>
            {
                output = await OutputAsync(rpc, session, afterSeq);
                return output.Lines.Count >= count && (lastSeq is null || output.Lines[^1].Seq >= lastSeq);
            },
            what: $"{count} output lines of {session.Id}");
        return output!;
    }
}

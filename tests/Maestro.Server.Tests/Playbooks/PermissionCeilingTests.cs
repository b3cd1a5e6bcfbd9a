using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Playbooks;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>
/// A playbook document cannot raise its own permission mode above what the request, or the playbook's settings when
/// the request does not say, allows. The agent is the Claude Code STAND-IN of <see cref="StandInRunFixture"/>.
/// </summary>
public sealed class PermissionCeilingTests : IAsyncLifetime
{
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Theory]
    [InlineData(null, null, PermissionMode.AcceptEdits)] // a document asking for bypass gets the default ceiling
    [InlineData("ask", null, PermissionMode.Ask)] // playbook.yaml sets the ceiling
    [InlineData("bypass", null, PermissionMode.Bypass)] // ... and may allow it
    [InlineData("bypass", PermissionMode.AcceptEdits, PermissionMode.AcceptEdits)] // the request's says more
    [InlineData(null, PermissionMode.Bypass, PermissionMode.Bypass)]
    public async Task A_documents_bypass_is_capped_by_the_request_or_settings(string? settingsMode, PermissionMode? requested, PermissionMode expected)
    {
        var folder = Path.Combine(fixture.Repo, "playbooks", "ceiling");
        fixture.Write("playbooks/ceiling/playbook.yaml", settingsMode is null ? "retries: 0\n" : $"retries: 0\npermissionMode: {settingsMode}\n");
        fixture.Write("playbooks/ceiling/01-escalate.md", "---\npermissionMode: bypass\n---\n- [ ] Do the thing\n");
        await using var server = new TestServer(home: fixture.Home);
        var recorder = new RunProgressRecorder();
        using var rpc = await server.ConnectInitializedAsync("ceiling", recorder);

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = folder, AgentId = "claude-code", PermissionMode = requested });

        var sessionId = Assert.Single(run.SessionIds.Distinct());
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId });
        Assert.Equal(expected, session.PermissionMode);
    }
}

using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Cli;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// Changes a session's backend or permission mode through the daemon (<c>sessions/configure</c>, effective on the next
/// turn), whichever way the editor asked: <c>session/set_config_option</c>, <c>session/set_mode</c> or <c>/agent</c>.
/// The editor's view is kept in step: <c>current_mode_update</c> when the mode changed, <c>config_option_update</c>
/// unless the request's own answer carries the options.
/// </summary>
internal sealed class AcpSessionSwitches
{
    private readonly DaemonClient daemon;

    public AcpSessionSwitches(DaemonClient daemon)
    {
        this.daemon = daemon;
    }

    public async Task<IReadOnlyList<AgentInfo>> AgentsAsync(CancellationToken cancellationToken)
        => (await daemon.InvokeAsync<AgentsListResult>(Methods.AgentsList, null, cancellationToken)).Agents;

    /// <summary>The session's <c>configOptions</c> and <c>modes</c>, as session/new and session/load answer them.</summary>
    public async Task<(JsonArray Options, JsonObject Modes)> StateAsync(Session session, CancellationToken cancellationToken)
        => State(session, await AgentsAsync(cancellationToken));

    public static (JsonArray Options, JsonObject Modes) State(Session session, IReadOnlyList<AgentInfo> agents)
        => (AcpSessionConfig.Options(session, agents), AcpSessionConfig.ModeState(session));

    public async Task<Session> ConfigureAsync(AcpAgentSession session, SessionConfigureParams request, bool sendOptions, CancellationToken cancellationToken)
    {
        var before = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id }, cancellationToken);
        var after = await daemon.InvokeAsync<Session>(Methods.SessionsConfigure, request, cancellationToken);
        session.Follow(after);
        if (after.AgentId != before.AgentId)
        {
            session.UseAgent(after.AgentId, await AgentsAsync(cancellationToken));
        }

        if (after.PermissionMode != before.PermissionMode)
        {
            await session.SendAsync(AcpSessionConfig.ModeUpdate(after), CancellationToken.None);
        }

        if (sendOptions)
        {
            await session.SendAsync(AcpSessionConfig.OptionsUpdate(after, await AgentsAsync(cancellationToken)), CancellationToken.None);
        }

        return after;
    }
}

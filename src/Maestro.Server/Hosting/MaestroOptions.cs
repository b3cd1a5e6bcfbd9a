namespace Maestro.Server.Hosting;

/// <summary>Settings of one server instance; tests shrink the limits.</summary>
public sealed record MaestroOptions
{
    public required MaestroPaths Paths { get; init; }

    /// <summary>
    /// The largest JSON-RPC message read; larger ones are refused and skipped. No request needs more (prompts, review
    /// hunks); each connection may have twice this in requests being answered.
    /// </summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The longest line read from an agent's output; a longer one is discarded as it streams (with a note in the
    /// session) instead of being held in memory. Large enough for any real event, an ACP file write included.
    /// </summary>
    public int MaxAgentLineBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How many ACP updates may wait to be stored before Maestro stops reading the agent (back-pressure).</summary>
    public int AcpUpdateQueueCapacity { get; init; } = 1024;

    /// <summary>How many of a session's latest agent stderr lines <c>sessions/output</c> keeps (in memory).</summary>
    public int SessionOutputLines { get; init; } = 2000;

    /// <summary>How many bytes (UTF-8) of a session's latest agent stderr lines are kept, whichever limit comes first.</summary>
    public int SessionOutputBytes { get; init; } = 512 * 1024;

    /// <summary>How many sessions' output is kept; the one written to longest ago is forgotten first.</summary>
    public int SessionOutputSessions { get; init; } = 200;

    /// <summary>How long the daemon waits with no client and no work before it exits.</summary>
    public TimeSpan DaemonIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>An agent that prints nothing for this long is stopped with an error (some CLIs retry forever).</summary>
    public TimeSpan AgentIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many notifications may wait for one client before it is disconnected: a memory ceiling, not the stall
    /// detector (that is <see cref="ClientWriteTimeout"/>), so a reading client is never dropped for a burst.
    /// </summary>
    public int ClientQueueCapacity { get; init; } = 65_536;

    /// <summary>How long one notification may take to leave for a client before it counts as not reading.</summary>
    public TimeSpan ClientWriteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an agent's <c>--version</c> may take during detection.</summary>
    public TimeSpan AgentProbeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An ssh config file given to every ssh Maestro runs (<c>ssh -F</c>, <c>MAESTRO_SSH_CONFIG</c>); the user's own (~/.ssh/config) when null.</summary>
    public string? SshConfigPath { get; init; }

    /// <summary>How long ssh may take to connect to a host (<c>ConnectTimeout</c>).</summary>
    public TimeSpan SshConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A folder holding self-contained servers as <c>&lt;rid&gt;/maestro</c> (what scripts/publish-server.sh writes to
    /// artifacts/server), copied to hosts by <c>hosts/install</c> (<c>MAESTRO_SERVER_BUILDS</c>).
    /// </summary>
    public string? ServerBuildsPath { get; init; }

    /// <summary>Reads overrides from the environment (<c>MAESTRO_DAEMON_IDLE_SECONDS</c>, <c>MAESTRO_MAX_MESSAGE_BYTES</c>, <c>MAESTRO_AGENT_IDLE_SECONDS</c>, <c>MAESTRO_CLIENT_QUEUE</c>, <c>MAESTRO_CLIENT_WRITE_TIMEOUT_SECONDS</c>, <c>MAESTRO_SSH_CONFIG</c>, <c>MAESTRO_SERVER_BUILDS</c>).</summary>
    public static MaestroOptions FromEnvironment(MaestroPaths paths)
    {
        var options = new MaestroOptions { Paths = paths };
        if (int.TryParse(Environment.GetEnvironmentVariable("MAESTRO_DAEMON_IDLE_SECONDS"), out var idle) && idle > 0)
        {
            options = options with { DaemonIdleTimeout = TimeSpan.FromSeconds(idle) };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("MAESTRO_MAX_MESSAGE_BYTES"), out var max) && max > 0)
        {
            options = options with { MaxMessageBytes = max };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("MAESTRO_AGENT_IDLE_SECONDS"), out var agentIdle) && agentIdle > 0)
        {
            options = options with { AgentIdleTimeout = TimeSpan.FromSeconds(agentIdle) };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("MAESTRO_CLIENT_QUEUE"), out var queue) && queue > 0)
        {
            options = options with { ClientQueueCapacity = queue };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("MAESTRO_CLIENT_WRITE_TIMEOUT_SECONDS"), out var write) && write > 0)
        {
            options = options with { ClientWriteTimeout = TimeSpan.FromSeconds(write) };
        }

        if (Environment.GetEnvironmentVariable("MAESTRO_SSH_CONFIG") is { Length: > 0 } sshConfig)
        {
            options = options with { SshConfigPath = sshConfig };
        }

        if (Environment.GetEnvironmentVariable("MAESTRO_SERVER_BUILDS") is { Length: > 0 } builds)
        {
            options = options with { ServerBuildsPath = builds };
        }

        return options;
    }
}

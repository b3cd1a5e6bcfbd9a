using Maestro.Protocol;

namespace Maestro.Server.Cli;

/// <summary>Everything <c>maestro doctor</c> found, printed as text or as JSON.</summary>
public sealed record DoctorReport
{
    public required string Version { get; init; }

    public required string Runtime { get; init; }

    public required string Home { get; init; }

    /// <summary>True for a build that carries its own .NET and ASP.NET Core; false when it runs on the machine's .NET.</summary>
    public required bool SelfContained { get; init; }

    public required bool HomeExists { get; init; }

    public required IReadOnlyList<ToolCheck> Tools { get; init; }

    public required IReadOnlyList<AgentInfo> Agents { get; init; }

    public required bool DaemonRunning { get; init; }

    public DaemonStatusResult? Daemon { get; init; }

    public required string DaemonEndpoint { get; init; }

    /// <summary>The agents as the running daemon finds them with its own PATH (what sessions really get).</summary>
    public IReadOnlyList<AgentInfo>? DaemonAgents { get; init; }

    /// <summary>What does not stop Maestro but will stop a session: no agent, a daemon that sees less than this shell.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    public bool Healthy => Tools.All(t => t.Found || !t.Required);
}

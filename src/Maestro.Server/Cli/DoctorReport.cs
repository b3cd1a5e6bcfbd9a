using Maestro.Protocol;

namespace Maestro.Server.Cli;

/// <summary>Everything <c>maestro doctor</c> found, printed as text or as JSON.</summary>
public sealed record DoctorReport
{
    public required string Version { get; init; }

    public required string Runtime { get; init; }

    public required string Home { get; init; }

    public required bool HomeExists { get; init; }

    public required IReadOnlyList<ToolCheck> Tools { get; init; }

    public required IReadOnlyList<AgentInfo> Agents { get; init; }

    public required bool DaemonRunning { get; init; }

    public DaemonStatusResult? Daemon { get; init; }

    public required string DaemonEndpoint { get; init; }

    public bool Healthy => Tools.All(t => t.Found || !t.Required);
}

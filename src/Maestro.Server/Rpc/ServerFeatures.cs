namespace Maestro.Server.Rpc;

/// <summary>The features of this build, reported in <c>initialize</c> so clients can hide what is not there.</summary>
public static class ServerFeatures
{
    public static IReadOnlyList<string> Landed { get; } = ["lifecycle", "agents", "sessions", "git", "review", "playbooks", "stats", "chat", "remote", "hosts"];
}

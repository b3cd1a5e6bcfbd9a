using Maestro.Server.Agents.Settings;

namespace Maestro.Server.Sessions.Discovery;

/// <summary>The home folder an agent runs with: its HOME from settings.json when set, else the daemon's.</summary>
public sealed class AgentHomes
{
    private readonly SettingsStore settings;

    public AgentHomes(SettingsStore settings)
    {
        this.settings = settings;
    }

    public string Variable(string agentId, string name)
        => settings.For(agentId)?.Env?.TryGetValue(name, out var value) == true && !string.IsNullOrEmpty(value) ? value! : Environment.GetEnvironmentVariable(name) ?? string.Empty;

    public string Home(string agentId)
        => Variable(agentId, "HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}

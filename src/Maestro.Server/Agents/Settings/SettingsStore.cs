using System.Text.Json;
using Maestro.Server.Files;
using Maestro.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Agents.Settings;

/// <summary>Reads <c>$MAESTRO_HOME/settings.json</c>, again whenever the file changes; a broken file is logged and ignored.</summary>
public sealed class SettingsStore
{
    private readonly string path;
    private readonly ILogger<SettingsStore> logger;
    private readonly Lock gate = new();
    private (DateTime Stamp, MaestroSettings Settings) cached = (DateTime.MinValue, new MaestroSettings());

    /// <summary>Far more than any real settings file; what is larger is refused, not read.</summary>
    private const long MaxBytes = 1024 * 1024;

    public SettingsStore(MaestroOptions options, ILogger<SettingsStore> logger)
    {
        path = Path.Combine(options.Paths.Home, "settings.json");
        this.logger = logger;
    }

    public MaestroSettings Current
    {
        get
        {
            var stamp = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
            lock (gate)
            {
                if (stamp == cached.Stamp)
                {
                    return cached.Settings;
                }

                var settings = new MaestroSettings();
                if (stamp != DateTime.MinValue)
                {
                    try
                    {
                        // A link is fine (dotfile managers make them); what it leads to must be a small regular file,
                        // so a FIFO or a device put there can never block or flood the daemon.
                        var real = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
                        using var stream = RegularFile.OpenRead(real, MaxBytes);
                        settings = JsonSerializer.Deserialize(stream, SettingsJsonContext.Default.MaestroSettings) ?? settings;

                        // The source-generated reader sets every init member, a missing one to null: "{}" must mean no agents.
                        if (settings.Agents is null)
                        {
                            settings = settings with { Agents = new Dictionary<string, AgentSettings>() };
                        }
                    }
                    catch (Exception ex) when (ex is JsonException or IOException)
                    {
                        logger.LogError("Ignoring {Path}: {Reason}", path, ex.Message);
                    }
                }

                cached = (stamp, settings);
                return settings;
            }
        }
    }

    public AgentSettings? For(string agentId) => Current.Agents.TryGetValue(agentId, out var settings) ? settings : null;
}

using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Processes;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Agents;

/// <summary>
/// Which agents are installed and at which version. Finding an executable on PATH is cheap and done
/// on every call; the version costs a process start, so it is probed once per executable and cached.
/// </summary>
public sealed class AgentCatalog
{
    private readonly ProcessRunner runner;
    private readonly Settings.SettingsStore settings;
    private readonly MaestroOptions options;
    private readonly ILogger<AgentCatalog> logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> versions = new(StringComparer.Ordinal);

    public AgentCatalog(ProcessRunner runner, MaestroOptions options, ILogger<AgentCatalog> logger, Settings.SettingsStore settings)
    {
        this.runner = runner;
        this.settings = settings;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>The known agents, then the ACP agents configured in settings.json.</summary>
    public IReadOnlyList<AgentDefinition> Definitions
    {
        get
        {
            var configured = settings.Current.Agents
                .Where(kv => kv.Key.StartsWith(AgentIds.AcpPrefix, StringComparison.Ordinal) && kv.Value.Command is not null && KnownAgents.All.All(k => k.Id != kv.Key))
                .Select(kv => new AgentDefinition
                {
                    Id = kv.Key,
                    Name = kv.Value.Name ?? kv.Key[AgentIds.AcpPrefix.Length..],
                    Kind = AgentKind.Acp,
                    Executable = kv.Value.Command!,
                    Arguments = kv.Value.Args ?? [],
                    InstallHint = "check agents.\"" + kv.Key + "\".command in $MAESTRO_HOME/settings.json",
                });
            return [.. KnownAgents.All, .. configured];
        }
    }

    public AgentDefinition? Find(string id) => Definitions.FirstOrDefault(d => d.Id == id);

    /// <summary>The executable that runs the agent: the configured path, else the one on PATH; null when neither exists.</summary>
    public string? Locate(AgentDefinition definition)
        => ExecutableLocator.Find(settings.For(definition.Id)?.Path ?? definition.Executable);

    /// <summary>What is known now, without waiting on any version probe; starts the probes.</summary>
    public IReadOnlyList<AgentInfo> Snapshot()
    {
        return Definitions.Select(definition =>
        {
            var path = Locate(definition);
            string? version = null;
            if (path is not null)
            {
                var probe = ProbeVersion(path);
                version = probe.IsCompletedSuccessfully ? probe.Result : null;
            }

            return ToInfo(definition, path, version);
        }).ToList();
    }

    /// <summary>Every agent with its version, waiting for the probes (each bounded by the probe timeout).</summary>
    public async Task<IReadOnlyList<AgentInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var found = Definitions.Select(d => (Definition: d, Path: Locate(d))).ToList();
        var probes = found.Select(f => f.Path is null ? Task.FromResult<string?>(null) : ProbeVersion(f.Path)).ToList();
        await Task.WhenAll(probes).WaitAsync(cancellationToken);
        return found.Select((f, i) => ToInfo(f.Definition, f.Path, probes[i].Result)).ToList();
    }

    private Task<string?> ProbeVersion(string path)
        => versions.GetOrAdd(path, p => new Lazy<Task<string?>>(() => Task.Run(() => RunVersionAsync(p)))).Value;

    private async Task<string?> RunVersionAsync(string path)
    {
        try
        {
            var result = await runner.RunAsync(path, ["--version"], options.AgentProbeTimeout);
            if (result.TimedOut)
            {
                logger.LogWarning("{Path} --version did not answer within {Timeout}", path, options.AgentProbeTimeout);
                return null;
            }

            return VersionText.Extract(result.StandardOutput) ?? VersionText.Extract(result.StandardError);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or CliWrap.Exceptions.CliWrapException)
        {
            logger.LogWarning("Could not run {Path} --version: {Reason}", path, ex.Message);
            return null;
        }
    }

    private AgentInfo ToInfo(AgentDefinition definition, string? path, string? version) => new()
    {
        Models = (settings.For(definition.Id)?.Models ?? definition.KnownModels) is { Count: > 0 } models ? models : null,
        ContextWindow = settings.For(definition.Id)?.ContextWindow ?? definition.ContextWindow,
        Id = definition.Id,
        Name = definition.Name,
        Kind = definition.Kind,
        Available = path is not null,
        Version = version,
        Command = path is null ? definition.CommandLine : definition.Arguments.Count == 0 ? path : path + " " + string.Join(' ', definition.Arguments),
        Reason = path is null ? $"'{definition.Executable}' is not on PATH. Install it with: {definition.InstallHint}" : null,
    };
}

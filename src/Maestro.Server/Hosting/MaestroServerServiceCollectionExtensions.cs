using Maestro.Server.Agents;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Agents.Permissions;
using Maestro.Server.Agents.Running;
using Maestro.Server.Agents.Settings;
using Maestro.Server.Chat;
using Maestro.Server.Daemon;
using Maestro.Server.Git;
using Maestro.Server.Git.Review;
using Maestro.Server.Git.Review.Attribution;
using Maestro.Server.Git.Worktrees;
using Maestro.Server.Lifecycle;
using Maestro.Server.Playbooks;
using Maestro.Server.Playbooks.Runs;
using Maestro.Server.Playbooks.Worktrees;
using Maestro.Server.Processes;
using Maestro.Server.Processes.Containment;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions;
using Maestro.Server.Sessions.Discovery;
using Maestro.Server.Sessions.Resilience;
using Maestro.Server.Stats;
using Maestro.Server.Stats.Limits;
using Maestro.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;

namespace Maestro.Server.Hosting;

public static class MaestroServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole server: infrastructure, every feature's service and RPC handlers. Nothing here recovers
    /// or stops what another process left behind (that is <see cref="AddMaestroRecovery"/>), so the CLI commands
    /// resolve their services from these same registrations in a plain service provider.
    /// </summary>
    public static IServiceCollection AddMaestroServer(this IServiceCollection services, MaestroOptions options, Serilog.ILogger logger)
    {
        services.AddSerilog(logger, dispose: true);
        services.AddSingleton(options);
        services.AddSingleton(options.Paths);

        // Infrastructure
        services.AddSingleton<ProcessRunner>();
        services.AddSingleton<MaestroDatabase>();
        services.AddHostedService<DatabaseWarmup>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<RpcServer>();
        services.AddScoped<ClientConnection>();

        // Features: each adds its services and its RPC handlers.
        services.AddScoped<IRpcHandlers, LifecycleRpcHandlers>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<AgentCatalog>();
        services.AddSingleton<IProcessContainment>(_ => OperatingSystem.IsLinux() ? new LinuxProcessContainment() : new NoProcessContainment());
        services.AddSingleton<AgentProcessStore>();
        services.AddSingleton<AgentProcesses>();
        services.AddSingleton<Sessions.Output.SessionOutput>();
        services.AddSingleton<IAgentStderrSink>(sp => sp.GetRequiredService<Sessions.Output.SessionOutput>());
        services.AddSingleton<AgentProcessRunner>();
        services.AddSingleton<AgentCostTotals>();
        services.AddSingleton<PermissionBroker>();
        services.AddSingleton<AgentAdapterFactory>();
        services.AddScoped<IRpcHandlers, AgentsRpcHandlers>();
        services.AddSingleton<RepositoryLocator>();
        services.AddSingleton<GitCli>();
        services.AddSingleton<GitStatusService>();
        services.AddSingleton<WorktreeService>();
        services.AddSingleton<WorktreeMergeService>();
        services.AddSingleton<RepositoryLocks>();
        services.AddSingleton<ReviewWatcher>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<FolderSnapshot>();
        services.AddSingleton<TurnBaselines>();
        services.AddSingleton<ITurnObserver>(p => p.GetRequiredService<TurnBaselines>());
        services.AddSingleton<AgentReviewService>();
        services.AddScoped<IRpcHandlers, GitRpcHandlers>();
        services.AddScoped<IRpcHandlers, WorktreeRpcHandlers>();
        services.AddScoped<IRpcHandlers, ReviewRpcHandlers>();
        services.AddSingleton<Files.WorkingFileReader>();
        services.AddScoped<IRpcHandlers, Files.FilesRpcHandlers>();

        services.AddSingleton<AgentHomes>();
        foreach (var agent in KnownAgents.All)
        {
            if (agent.SessionSource is { } source)
            {
                services.AddSingleton<ISessionSource>(source);
            }
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TurnRetryPolicies>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<StatsStore>();
        services.AddSingleton<LeaderboardStore>();
        services.AddSingleton<CostLimitGate>();
        services.AddSingleton<TurnStatsRecorder>();
        services.AddSingleton<StatsService>();
        services.AddScoped<IRpcHandlers, StatsRpcHandlers>();
        services.AddSingleton<Stats.Outages.OutageStatsStore>();
        services.AddSingleton<Stats.Outages.OutageStatsRecorder>();
        services.AddScoped<IRpcHandlers, Stats.Outages.OutageStatsRpcHandlers>();

        // Every session's turns are counted in the stats as their events are stored.
        services.AddSingleton(sp =>
        {
            var sessions = ActivatorUtilities.CreateInstance<SessionService>(sp);
            sp.GetRequiredService<TurnStatsRecorder>().Attach(sessions);
            sp.GetRequiredService<Stats.Outages.OutageStatsRecorder>().Attach(sessions);
            return sessions;
        });
        services.AddSingleton<IBackgroundWork>(sp => sp.GetRequiredService<SessionService>());
        services.AddScoped<IRpcHandlers, SessionsRpcHandlers>();

        services.AddSingleton<RunStore>();
        services.AddSingleton<IRunWorktrees, GitFeatureRunWorktrees>();
        services.AddSingleton<RunService>();
        services.AddSingleton<IBackgroundWork>(sp => sp.GetRequiredService<RunService>());
        services.AddSingleton<ISessionClaims, RunSessionClaims>();
        services.AddScoped<IRpcHandlers, PlaybooksRpcHandlers>();

        services.AddSingleton<ChatStore>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<IBackgroundWork>(sp => sp.GetRequiredService<ChatService>());
        services.AddScoped<IRpcHandlers, ChatRpcHandlers>();

        // Remote access: nothing runs until remote/start.
        services.AddSingleton<Remote.RemoteService>();
        services.AddSingleton<IBackgroundWork>(sp => sp.GetRequiredService<Remote.RemoteService>());
        services.AddScoped<IRpcHandlers, Remote.RemoteRpcHandlers>();

        // Hosts reached over SSH: nothing connects until a host is used (tested, installed, a session there or a session list).
        services.AddSingleton<Hosts.HostStore>();
        services.AddSingleton<Hosts.SshClient>();
        services.AddSingleton<Hosts.ServerBuilds>();
        services.AddSingleton<Hosts.HostInstaller>();
        services.AddSingleton<Hosts.HostSessionCache>();
        services.AddSingleton<Hosts.HostConnections>();
        services.AddSingleton<ISessionGateway, Hosts.HostRoutedSessions>();
        services.AddSingleton<Hosts.HostService>();
        services.AddScoped<IRpcHandlers, Hosts.HostsRpcHandlers>();

        // The daemon's own operations; they answer only when the daemon service runs.
        services.AddSingleton<DaemonState>();
        return services;
    }

    /// <summary>
    /// Adds the recovery of a server that owns its MAESTRO_HOME (the daemon, <c>serve --in-process</c>): at start-up,
    /// turns a previous server left running are marked interrupted and its runs resumed; at stop, live sessions and
    /// runs are stopped. <c>maestro run</c> does not add it: it runs beside a daemon that may serve the same home,
    /// whose sessions and runs it must not touch.
    /// </summary>
    public static IServiceCollection AddMaestroRecovery(this IServiceCollection services)
    {
        services.AddSingleton<SessionsRecovered>();
        services.AddHostedService<SessionRecovery>();
        services.AddHostedService<RunRecovery>();
        services.AddHostedService<ChatRecovery>();
        return services;
    }

    /// <summary>Adds what only the per-user daemon has: the socket listener and its operations methods.</summary>
    /// <param name="daemonLock">Taken before anything else: the daemon exists only for its holder.</param>
    public static IServiceCollection AddMaestroDaemon(this IServiceCollection services, DaemonLock daemonLock)
    {
        services.AddSingleton(daemonLock);
        services.AddHostedService<DaemonService>();
        services.AddScoped<IRpcHandlers, DaemonRpcHandlers>();
        return services;
    }
}

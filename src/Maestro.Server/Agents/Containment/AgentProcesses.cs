using CliWrap;
using CliWrap.Builders;
using Maestro.Server.Processes.Containment;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Agents.Containment;

/// <summary>
/// Runs every agent process (native CLIs and ACP agents alike) contained: in a process group of its own with a
/// parent-death signal, recorded in the database while it runs. Cancel, close and the agent's own exit kill the
/// whole group, so a Bash tool's children go with it; after a crash, <see cref="ReapSurvivorsAsync"/> stops what the
/// dead daemon left behind before anything recovers.
/// </summary>
public sealed class AgentProcesses
{
    private readonly IProcessContainment containment;
    private readonly AgentProcessStore store;
    private readonly ILogger<AgentProcesses> logger;
    private readonly Lazy<ProcessIdentity?> self;

    public AgentProcesses(IProcessContainment containment, AgentProcessStore store, ILogger<AgentProcesses> logger)
    {
        this.containment = containment;
        this.store = store;
        this.logger = logger;
        self = new Lazy<ProcessIdentity?>(() => containment.Inspect(Environment.ProcessId));
        if (!containment.Contains && OperatingSystem.IsLinux())
        {
            logger.LogWarning("setsid (util-linux) was not found: agents run without a process group of their own and may outlive a killed daemon");
        }
    }

    /// <summary>Runs <paramref name="command"/> to its end; cancelling kills its whole process group.</summary>
    public async Task<CommandResult> RunAsync(Command command, string? sessionId, CancellationToken cancellationToken)
    {
        var contained = Contain(command);
        var task = ProcessStartThread.Run(() => contained.ExecuteAsync(cancellationToken));
        var record = Describe(task.ProcessId, sessionId);
        if (record is null)
        {
            return await task;
        }

        await RecordAsync(record);
        using var killGroup = cancellationToken.Register(() => containment.KillGroup(record.ProcessGroupId));
        try
        {
            return await task;
        }
        finally
        {
            // What the agent left running (a background job of its Bash tool) ends with it.
            containment.KillGroup(record.ProcessGroupId);
            await ForgetAsync(record);
        }
    }

    /// <summary>
    /// Kills the agent groups a dead Maestro process left running, and says per session what was found. Groups of a
    /// live Maestro process (a <c>maestro run</c> beside the daemon) are left alone.
    /// </summary>
    public async Task<SurvivorReport> ReapSurvivorsAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ReapedAgent>(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        if (!containment.Contains)
        {
            return new SurvivorReport(found, claimed);
        }

        foreach (var record in await store.ListAsync(cancellationToken))
        {
            // A live owner (another maestro run, or this very process: a resumed run may already have started an
            // agent) still answers for its agents.
            if (containment.Inspect(record.OwnerPid) is { Zombie: false } owner && owner.StartTime == record.OwnerStartTime)
            {
                if (record.SessionId is not null)
                {
                    claimed.Add(record.SessionId);
                }

                continue;
            }

            var agentRunning = false;
            var groupRunning = false;
            if (record.BootId == containment.BootId)
            {
                agentRunning = containment.Inspect(record.Pid) is { Zombie: false } agent && agent.StartTime == record.StartTime;
                groupRunning = containment.GroupMembers(record.ProcessGroupId, record.StartTime).Count > 0;
                if (groupRunning)
                {
                    logger.LogWarning("Agent {Pid} (session {Session}) outlived the Maestro process that started it; its process group is killed", record.Pid, record.SessionId);
                    await KillAndWaitAsync(record, cancellationToken);
                }
            }

            if (record.SessionId is not null)
            {
                found[record.SessionId] = new ReapedAgent(record.Pid, agentRunning, groupRunning);
            }

            await store.RemoveAsync(record, cancellationToken);
        }

        return new SurvivorReport(found, claimed);
    }

    private async Task KillAndWaitAsync(AgentProcessRecord record, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (containment.GroupMembers(record.ProcessGroupId, record.StartTime).Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            containment.KillGroup(record.ProcessGroupId);
            await Task.Delay(20, cancellationToken);
        }
    }

    private Command Contain(Command command)
    {
        if (!containment.Contains)
        {
            return command;
        }

        var (executable, prefix) = containment.Wrap(command.TargetFilePath, []);
        var arguments = new ArgumentsBuilder().Add(prefix).Build();
        return command.WithTargetFile(executable).WithArguments(string.IsNullOrEmpty(command.Arguments) ? arguments : arguments + " " + command.Arguments);
    }

    private AgentProcessRecord? Describe(int pid, string? sessionId)
    {
        if (!containment.Contains || containment.Inspect(pid) is not { } identity || self.Value is not { } owner)
        {
            return null;
        }

        return new AgentProcessRecord
        {
            Pid = pid,
            StartTime = identity.StartTime,
            // setsid makes the agent the leader of a new session and group named by its pid. Read from /proc this
            // early, the group could still be ours (setsid has not run yet): never trust it.
            ProcessGroupId = pid,
            ProcessSessionId = pid,
            BootId = containment.BootId,
            SessionId = sessionId,
            OwnerPid = owner.Pid,
            OwnerStartTime = owner.StartTime,
            StartedAt = DateTimeOffset.UtcNow,
        };
    }

    private async Task RecordAsync(AgentProcessRecord record)
    {
        try
        {
            await store.AddAsync(record, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record agent process {Pid}", record.Pid);
        }
    }

    private async Task ForgetAsync(AgentProcessRecord record)
    {
        try
        {
            await store.RemoveAsync(record, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not forget agent process {Pid}", record.Pid);
        }
    }
}

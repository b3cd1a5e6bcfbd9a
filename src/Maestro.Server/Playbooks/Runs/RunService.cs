using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using Maestro.Server.Daemon;
using Maestro.Server.Errors;
using Maestro.Server.Hosting;
using Maestro.Server.Playbooks.Config;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Loading;
using Maestro.Server.Playbooks.Markers;
using Maestro.Server.Playbooks.Worktrees;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions;
using Maestro.Server.Stats.Limits;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// Playbooks and their runs: lists playbooks, starts a run (validating everything it can before it starts),
/// stops, lists and resumes runs. Progress goes to every client as <c>runs/progress</c> and to in-process
/// listeners (the headless CLI) through <see cref="Progress"/>.
/// </summary>
public sealed class RunService : IAsyncDisposable, IBackgroundWork
{
    private readonly RunStore store;
    private readonly SessionService sessions;
    private readonly AgentAdapterFactory adapters;
    private readonly ConnectionRegistry clients;
    private readonly IRunWorktrees worktrees;
    private readonly MaestroPaths paths;
    private readonly ILogger<RunService> logger;
    private readonly CostLimitGate limits;
    private readonly Task sessionsRecovered;
    private readonly ConcurrentDictionary<string, RunExecution> active = new(StringComparer.Ordinal);

    /// <param name="recoveries">The session recovery of this process, when it has one (<c>maestro run</c> has none: it leaves the sessions to the daemon).</param>
    public RunService(RunStore store, SessionService sessions, AgentAdapterFactory adapters, ConnectionRegistry clients, IRunWorktrees worktrees, MaestroPaths paths, ILogger<RunService> logger, IEnumerable<SessionsRecovered> recoveries, CostLimitGate limits)
    {
        this.limits = limits;
        sessionsRecovered = Task.WhenAll(recoveries.Select(r => r.Task));
        this.store = store;
        this.sessions = sessions;
        this.adapters = adapters;
        this.clients = clients;
        this.worktrees = worktrees;
        this.paths = paths;
        this.logger = logger;
    }

    public event EventHandler<RunProgressEventArgs>? Progress;

    /// <summary>Runs keep the daemon up with no client attached: the user may be asleep.</summary>
    public bool HasWork => !active.IsEmpty;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the service the RPC handlers call.")]
    public async Task<IReadOnlyList<PlaybookInfo>> ListPlaybooksAsync(string cwd, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(cwd) || !Directory.Exists(cwd))
        {
            throw new InvalidParamsException($"The folder '{cwd}' does not exist.");
        }

        var found = await Task.Run(() => PlaybookFinder.Find(cwd), cancellationToken);
        var playbooks = new List<PlaybookInfo>(found.Count);
        foreach (var path in found)
        {
            try
            {
                var playbook = await PlaybookLoader.LoadAsync(path, cancellationToken);
                playbooks.Add(new PlaybookInfo
                {
                    Path = playbook.Path,
                    Name = playbook.Name,
                    Documents = playbook.Documents.Select(d => new PlaybookDocumentInfo { Path = d.Path, Total = d.Parsed.Tasks.Count, Done = d.Parsed.DoneCount }).ToList(),
                    Warnings = WarningsOf(playbook),
                    Defaults = DefaultsOf(playbook),
                });
            }
            catch (PlaybookInvalidException ex)
            {
                playbooks.Add(new PlaybookInfo { Path = path, Name = Path.GetFileNameWithoutExtension(path), Documents = [], Error = ex.Message });
            }
        }

        return playbooks;
    }

    /// <summary>What a run takes from the playbook's settings when the request leaves it out (as <see cref="StartAsync"/> reads them).</summary>
    private static PlaybookDefaults? DefaultsOf(Playbook playbook)
    {
        var config = playbook.Config;
        var defaults = new PlaybookDefaults
        {
            AgentId = config.Agent,
            // A single file's front matter is its own document, not settings above it: it sets no ceiling.
            PermissionMode = Directory.Exists(playbook.Path) ? config.PermissionMode : null,
            Loops = config.Loops,
            Worktree = config.Worktree,
            Budget = config.Budget,
        };
        return defaults == new PlaybookDefaults() ? null : defaults;
    }

    /// <summary>Starts a run. Everything that can be checked up front is: the playbook, the agent, the settings, the worktree.</summary>
    /// <exception cref="PlaybookInvalidException">The playbook is missing or malformed.</exception>
    /// <exception cref="Agents.Errors.AgentUnavailableException">The agent is unknown or cannot run here.</exception>
    public async Task<Run> StartAsync(PlaybookRunParams request, RunOrigin origin, CancellationToken cancellationToken)
    {
        if (request.ContinueRunId is { } continued)
        {
            return await ContinueAsync(continued, request.Path, cancellationToken);
        }

        try
        {
            RunLimits.Validate(request.Loops, null, request.Budget);
        }
        catch (PlaybookInvalidException ex)
        {
            throw new InvalidParamsException(ex.Message, ex);
        }

        var playbook = await PlaybookLoader.LoadAsync(request.Path, cancellationToken);
        RefuseLiveHalt(playbook);
        foreach (var warning in WarningsOf(playbook) ?? [])
        {
            logger.LogWarning("{Document}:{Line}: {Message}", warning.Document, warning.Line, warning.Message);
        }

        var config = playbook.Config;
        var agentId = AgentFor(request, config)
            ?? throw new InvalidParamsException($"No agent for '{playbook.Path}': pass one (--agent, agentId) or set 'agent' in its settings.");
        adapters.Create(agentId); // names what is missing before anything is created
        await limits.EnsureWithinAsync(agentId, cancellationToken); // a spent cost limit refuses the run (BudgetExceeded)

        var settings = new RunSettings
        {
            Loops = request.Loops ?? config.Loops ?? 1,
            Retries = config.Retries ?? PlaybookConfig.DefaultRetries,
            OnTaskFailure = config.OnTaskFailure ?? TaskFailurePolicy.Stop,
            Budget = MergeBudget(request.Budget, config.Budget),
            // A single file's front matter is its own document, not settings above it: it sets no ceiling.
            PermissionCeiling = request.PermissionMode ?? (Directory.Exists(playbook.Path) ? config.PermissionMode : null) ?? PermissionMode.AcceptEdits,
            RequestedPlaybook = playbook.Path,
        };
        var worktreeRequest = request.Worktree ?? (config.Worktree is null ? null : new WorktreeRequest { Branch = config.Worktree, Base = config.WorktreeBase });

        // Made first: a branch template may name the run ({run}).
        var runId = "r_" + Guid.NewGuid().ToString("N")[..12];
        string runPlaybook = playbook.Path;
        string cwd;
        RunWorktree? worktree = null;
        if (worktreeRequest is not null)
        {
            var branch = RunBranchName.Expand(worktreeRequest.Branch, runId, DateTimeOffset.Now);
            worktree = await worktrees.CreateAsync(request.Cwd ?? playbook.Path, branch, worktreeRequest.Base, cancellationToken);
            if (worktree.Reused)
            {
                logger.LogInformation("Run {Run} goes on in the existing worktree {Worktree} of branch {Branch}", runId, worktree.Path, worktree.Branch);
            }

            runPlaybook = PlaybookInWorktree(playbook, worktree);
            cwd = worktree.Path;
        }
        else
        {
            cwd = request.Cwd is not null ? Path.GetFullPath(request.Cwd)
                : await worktrees.RepositoryRootAsync(playbook.Path, cancellationToken)
                  ?? Path.GetDirectoryName(playbook.Path)!; // outside git: beside the playbook
            if (!Directory.Exists(cwd))
            {
                throw new InvalidParamsException($"The folder '{request.Cwd}' does not exist.");
            }
        }

        var runLock = RunLock.TryAcquire(paths, runPlaybook)
            ?? throw new MaestroException(ErrorCodes.Busy, ErrorKinds.Busy, $"Another run is working through '{runPlaybook}' (see 'runs/list' or another 'maestro run'). Wait for it, stop it, or run on a branch of its own (--worktree).");
        var record = new RunRecord
        {
            Id = runId,
            Playbook = runPlaybook,
            AgentId = agentId,
            Origin = origin,
            Status = RunStatus.Running,
            Cwd = cwd,
            Worktree = worktree?.Path,
            Branch = worktree?.Branch,
            Settings = settings,
            Total = playbook.TotalTasks,
            Done = playbook.DoneTasks,
            StartedAt = DateTimeOffset.UtcNow,
            ResetPending = request.Reset == true, // done first by the run, as between loops
        };
        try
        {
            await store.SaveAsync(record, cancellationToken);
        }
        catch
        {
            runLock.Dispose();
            throw;
        }

        logger.LogInformation("Run {Run} started: {Playbook} with {Agent} in {Cwd}", record.Id, runPlaybook, agentId, cwd);
        return Launch(record, runLock, []).Snapshot();
    }

    /// <summary>
    /// Goes on with a stopped run (stopped by Ctrl-C in the terminal that ran it): the same id, with its tasks run, cost,
    /// start and settings, so its budget counts on; it starts at the first unchecked task, as a resumed run does.
    /// </summary>
    /// <exception cref="InvalidParamsException">The run is not stopped, or works through another playbook.</exception>
    public async Task<Run> ContinueAsync(string runId, string playbookPath, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(runId, cancellationToken) ?? throw new RunNotFoundException(runId);
        if (record.Outcome != RunOutcome.Stopped || active.ContainsKey(runId))
        {
            throw new InvalidParamsException($"Run '{runId}' is {record.Status.ToString().ToLowerInvariant()}{(record.Outcome is { } o ? $" ({o})" : string.Empty)}; only a stopped run goes on. Start a new run instead.");
        }

        var requested = RequestedPath(playbookPath);
        if (record.Settings.RequestedPlaybook != requested)
        {
            throw new InvalidParamsException($"Run '{runId}' works through '{record.Settings.RequestedPlaybook}', not '{requested}'.");
        }

        var playbook = await PlaybookLoader.LoadAsync(record.Playbook, cancellationToken);
        RefuseLiveHalt(playbook);
        var runLock = RunLock.TryAcquire(paths, record.Playbook)
            ?? throw new MaestroException(ErrorCodes.Busy, ErrorKinds.Busy, $"Another run is working through '{record.Playbook}' (see 'runs/list' or another 'maestro run'). Wait for it or stop it.");
        try
        {
            var again = record with { Status = RunStatus.Running, Outcome = null, Reason = null, EndedAt = null, Current = null, Total = playbook.TotalTasks, Done = playbook.DoneTasks };
            await store.SaveAsync(again, cancellationToken);
            logger.LogInformation("Run {Run} goes on after a stop: {Tasks} task(s) run, ${Cost} so far", runId, again.TasksRun, again.Usage.CostUsd);
            return Launch(again, runLock, await store.TasksAsync(runId, cancellationToken)).Snapshot();
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    /// <summary>The playbook a request names, as runs store it: a folder for its <c>playbook.yaml</c>.</summary>
    internal static string RequestedPath(string playbookPath)
    {
        var full = Path.GetFullPath(playbookPath);
        return full.EndsWith(PlaybookLoader.ConfigFileName, StringComparison.Ordinal) ? Path.GetDirectoryName(full)! : full;
    }

    /// <summary>The load warnings of a playbook (tasks only a person can do, …); null when there are none.</summary>
    public static IReadOnlyList<PlaybookWarning>? WarningsOf(Playbook playbook)
    {
        var warnings = playbook.Documents
            .SelectMany(d => d.Warnings.Select(w => new PlaybookWarning { Document = d.Path, Line = w.Line, Message = w.Message }))
            .ToList();
        return warnings.Count == 0 ? null : warnings;
    }

    /// <summary>
    /// A document that holds a live halt marker is refused: the run would halt before its first task. The marker was
    /// left by an earlier run's agent (or written by hand), and only a person can say the reason is gone.
    /// </summary>
    /// <exception cref="PlaybookInvalidException">A document holds one; the message names the file and line.</exception>
    /// <summary>The run's agent: the request's, else the playbook's <c>agent</c> setting; null when neither names one.</summary>
    internal static string? AgentFor(PlaybookRunParams request, PlaybookConfig config)
        => !string.IsNullOrWhiteSpace(request.AgentId) ? request.AgentId.Trim() : config.Agent;

    internal static void RefuseLiveHalt(Playbook playbook)
    {
        foreach (var document in playbook.Documents)
        {
            if (MarkerScanner.LiveHalt(document.Markers) is { } halt)
            {
                throw new PlaybookInvalidException(
                    $"{document.Path}:{halt.Line}: the document holds a halt marker ({halt.Reason ?? "no reason given"}), left by an earlier run or written by hand; a run would halt at once. Deal with the reason, then remove the line '<!-- maestro:halt ... -->' by hand.");
            }
        }
    }

    /// <summary>Approves the HITL gate a run of this process waits at (ticks the task below it); answers the run as it went on past the gate.</summary>
    public async Task<Run> ApproveAsync(string runId, CancellationToken cancellationToken)
    {
        if (!active.TryGetValue(runId, out var execution))
        {
            var record = await store.GetAsync(runId, cancellationToken) ?? throw new RunNotFoundException(runId);
            throw new InvalidParamsException(record.Status == RunStatus.Running
                ? $"Run '{runId}' is run by another Maestro process (a 'maestro run' in a terminal or CI); approve its gate by ticking the task below the gate in the document."
                : $"Run '{runId}' is {record.Status.ToString().ToLowerInvariant()}; there is nothing to approve.");
        }

        try
        {
            return await execution.ApproveAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidParamsException(ex.Message, ex);
        }
    }

    public async Task<Run> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (active.TryGetValue(runId, out var execution))
        {
            return execution.Snapshot();
        }

        var record = await store.GetAsync(runId, cancellationToken) ?? throw new RunNotFoundException(runId);
        return record.ToRun(await store.SessionIdsAsync(runId, cancellationToken));
    }

    /// <summary>
    /// Every task of the run's documents with its state and this run's attempts at it (<see cref="RunTaskList"/>). When
    /// the playbook no longer loads (moved, deleted, broken by an edit) the attempts alone are listed.
    /// </summary>
    public async Task<RunTasksResult> TasksAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await GetAsync(runId, cancellationToken);
        var attempts = await store.TasksAsync(runId, cancellationToken);
        Playbook? playbook = null;
        try
        {
            playbook = await PlaybookLoader.LoadAsync(run.Playbook, cancellationToken);
        }
        catch (PlaybookInvalidException ex)
        {
            logger.LogDebug(ex, "Run {Run}: its playbook does not load now; runs/tasks lists its attempts only", runId);
        }

        return new() { RunId = runId, Tasks = RunTaskList.Build(run, playbook, attempts) };
    }

    /// <remarks>
    /// <c>waiting</c> is a live state of a running run, never stored: <c>running</c> lists the waiting runs too (they
    /// are in progress and can be stopped), <c>waiting</c> lists only them.
    /// </remarks>
    public async Task<IReadOnlyList<Run>> ListAsync(RunStatus? status, CancellationToken cancellationToken)
    {
        var runs = new List<Run>();
        foreach (var record in await store.ListAsync(status == RunStatus.Waiting ? RunStatus.Running : status, cancellationToken))
        {
            runs.Add(active.TryGetValue(record.Id, out var execution)
                ? execution.Snapshot()
                : record.ToRun(await store.SessionIdsAsync(record.Id, cancellationToken)));
        }

        return status == RunStatus.Waiting ? [.. runs.Where(r => r.Status == RunStatus.Waiting)] : runs;
    }

    /// <summary>Stops a run of this process after killing its current agent; completes when it has stopped.</summary>
    public async Task StopAsync(string runId, CancellationToken cancellationToken)
    {
        if (active.TryGetValue(runId, out var execution))
        {
            await execution.StopAsync("Stopped on request (runs/stop).", cancellationToken);
            return;
        }

        var record = await store.GetAsync(runId, cancellationToken) ?? throw new RunNotFoundException(runId);
        if (record.Status != RunStatus.Running)
        {
            return; // already over
        }

        // A run left 'running' by a dead process: stopping it means it will not be resumed.
        using var runLock = RunLock.TryAcquire(paths, record.Playbook)
            ?? throw new MaestroException(ErrorCodes.Busy, ErrorKinds.Busy, $"Run '{runId}' is being run by another Maestro process (a 'maestro run' in a terminal or CI); stop it there.");
        await store.SaveAsync(record with { Status = RunStatus.Stopped, Outcome = RunOutcome.Stopped, Reason = "Stopped on request while interrupted.", Current = null, EndedAt = DateTimeOffset.UtcNow }, cancellationToken);
    }

    /// <summary>Completes with the run's final state when it ends.</summary>
    public async Task<Run> WaitAsync(string runId, CancellationToken cancellationToken)
    {
        if (active.TryGetValue(runId, out var execution))
        {
            await execution.Completion.WaitAsync(cancellationToken);
            return execution.Snapshot();
        }

        return await GetAsync(runId, cancellationToken);
    }

    /// <summary>A run of <paramref name="origin"/> on this playbook that a dead process left running, if any; for <c>maestro run</c> to resume.</summary>
    public async Task<RunRecord?> FindInterruptedAsync(string playbookPath, string? agentId, RunOrigin origin, CancellationToken cancellationToken)
    {
        var full = RequestedPath(playbookPath);
        var running = await store.ListAsync(RunStatus.Running, cancellationToken);
        return running.FirstOrDefault(r => r.Origin == origin && (agentId is null || r.AgentId == agentId) && r.Settings.RequestedPlaybook == full && !active.ContainsKey(r.Id));
    }

    /// <summary>Resumes every run of <paramref name="origin"/> that a dead process left running; returns how many.</summary>
    public async Task<int> ResumeInterruptedAsync(RunOrigin origin, CancellationToken cancellationToken)
    {
        var resumed = 0;
        foreach (var record in await store.ListAsync(RunStatus.Running, cancellationToken))
        {
            if (record.Origin == origin && !active.ContainsKey(record.Id) && await ResumeAsync(record, cancellationToken) is not null)
            {
                resumed++;
            }
        }

        return resumed;
    }

    /// <summary>Resumes an interrupted run at the task it was on (the documents say which tasks are done); null when another process holds it.</summary>
    public async Task<Run?> ResumeAsync(RunRecord record, CancellationToken cancellationToken)
    {
        var runLock = RunLock.TryAcquire(paths, record.Playbook);
        if (runLock is null)
        {
            return null;
        }

        try
        {
            var history = await store.TasksAsync(record.Id, cancellationToken);
            var interrupted = history.Where(t => t.Status == RunTaskStatus.Running).ToList();
            if (interrupted.Count > 0)
            {
                // The session recovery marks the interrupted turns failed; wait for it, so the run cannot mistake a new session for the old one.
                await sessionsRecovered.WaitAsync(cancellationToken);
            }

            foreach (var task in interrupted)
            {
                await store.SaveTaskAsync(task with { Status = RunTaskStatus.Interrupted, Message = "Maestro stopped during this attempt; the task runs again.", EndedAt = DateTimeOffset.UtcNow }, cancellationToken);
            }

            history = await store.TasksAsync(record.Id, cancellationToken);
            logger.LogInformation("Run {Run} resumes at {Task}", record.Id, record.Current?.Text ?? "its next task");
            return Launch(record, runLock, history).Snapshot();
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var execution in active.Values)
        {
            await execution.DisposeAsync();
        }

        active.Clear();
    }

    private RunExecution Launch(RunRecord record, RunLock runLock, IReadOnlyList<RunTaskRecord> history)
    {
        var execution = new RunExecution(record, runLock, new RunServices(store, sessions, paths, PublishAsync, logger, limits.ReachedAsync), history);
        active[record.Id] = execution;
        execution.Start();
        _ = execution.Completion.ContinueWith(_ => active.TryRemove(record.Id, out var _), TaskScheduler.Default);
        return execution;
    }

    private Task PublishAsync(RunProgressNotification notification)
    {
        try
        {
            Progress?.Invoke(this, new RunProgressEventArgs(notification));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A runs/progress listener failed");
        }

        clients.PostToAll(Methods.RunsProgress, notification);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The documents a worktree run ticks: the same path inside the worktree when the playbook is in the repository
    /// (committed or not: an untracked playbook is copied there), else a copy under <c>.maestro/playbooks</c>.
    /// </summary>
    private static string PlaybookInWorktree(Playbook playbook, RunWorktree worktree)
    {
        var relative = Path.GetRelativePath(worktree.RepositoryRoot, playbook.Path);
        var target = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.Combine(worktree.Path, ".maestro", "playbooks", Path.GetFileName(playbook.Path))
            : Path.Combine(worktree.Path, relative);
        if (playbook.IsFolder)
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(playbook.Path).Where(f => PlaybookLoader.IsMarkdown(f) || Path.GetFileName(f).StartsWith("playbook.y", StringComparison.Ordinal)))
            {
                var copy = Path.Combine(target, Path.GetFileName(file));
                if (!File.Exists(copy))
                {
                    File.Copy(file, copy);
                }
            }
        }
        else if (!File.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(playbook.Path, target);
        }

        return target;
    }

    private static RunBudget? MergeBudget(RunBudget? request, RunBudget? config)
    {
        if (request is null || config is null)
        {
            return request ?? config;
        }

        return new RunBudget
        {
            MaxTasks = request.MaxTasks ?? config.MaxTasks,
            MaxCostUsd = request.MaxCostUsd ?? config.MaxCostUsd,
            MaxMinutes = request.MaxMinutes ?? config.MaxMinutes,
            MaxTaskMinutes = request.MaxTaskMinutes ?? config.MaxTaskMinutes,
        };
    }
}

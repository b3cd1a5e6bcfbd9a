using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Agents.Errors;
using Maestro.Server.Errors;
using Maestro.Server.Playbooks.Config;
using Maestro.Server.Playbooks.Documents;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Loading;
using Maestro.Server.Playbooks.Markers;
using Maestro.Server.Playbooks.Prompts;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// One run working through its playbook: for each unchecked task, in order, a fresh session with the task's prompt;
/// after the turn the document is read again and a checked box is the only proof of done. The documents are read
/// before every task (the user may edit them during the run) and never written, except to reset the boxes between
/// loops, one byte per box. Every step is stored before it is announced, so a restart resumes at the task it was on.
/// </summary>
internal sealed class RunExecution : IAsyncDisposable
{
    private const int MaxSessionNameLength = 80;

    /// <summary>How often a gate re-reads its document without a file event.</summary>
    private static readonly TimeSpan GateRecheck = TimeSpan.FromSeconds(5);

    private readonly RunServices services;
    private readonly RunLock runLock;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<string> sessionIds;
    private readonly HashSet<(string Document, string Text)> failedThisLoop;

    /// <summary>Why each task of <see cref="failedThisLoop"/> failed in this process, for the run's reason.</summary>
    private readonly Dictionary<(string Document, string Text), string> failureMessages = [];
    private volatile RunRecord record;
    private int seq;
    private string? stopReason;
    private volatile bool interrupted;
    private volatile RunWait? waiting;
    private volatile RunGate? gate;

    /// <summary>Released when the document of the gate the run waits at may have changed (a file event, runs/approve).</summary>
    private readonly SemaphoreSlim gateSignal = new(0);

    /// <summary>Completed when the run has passed the gate it waits at; what runs/approve waits for.</summary>
    /// <summary>Completes with the run as it was when it went past the gate (or ended), so an approval answers that moment.</summary>
    private TaskCompletionSource<Run> gatePassed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task completion = Task.CompletedTask;

    public RunExecution(RunRecord record, RunLock runLock, RunServices services, IReadOnlyList<RunTaskRecord> history)
    {
        this.record = record;
        this.runLock = runLock;
        this.services = services;
        sessionIds = history.Where(t => t.SessionId is not null).Select(t => t.SessionId!).ToList();
        seq = history.Count == 0 ? 0 : history.Max(t => t.Seq);
        failedThisLoop = history
            .Where(t => t.Loop == record.Loop && t.Status == RunTaskStatus.Failed)
            .Select(t => (t.Document, t.Text))
            .ToHashSet();
    }

    public string Id => record.Id;

    public RunRecord Record => record;

    public Task Completion => completion;

    public Run Snapshot()
    {
        lock (sessionIds)
        {
            var run = record.ToRun([.. sessionIds]);
            if (run.Status == RunStatus.Running && gate is { } atGate)
            {
                return run with { Status = RunStatus.Waiting, Gate = atGate };
            }

            return waiting is { } wait && run.Status == RunStatus.Running ? run with { Status = RunStatus.Waiting, Waiting = wait } : run;
        }
    }

    public void Start() => completion = Task.Run(RunAsync);

    /// <summary>
    /// Approves the gate the run waits at: ticks the task below it (one byte, as every write of Maestro) and completes
    /// once the run has seen the box and gone on.
    /// </summary>
    /// <returns>The run as it went on past the gate.</returns>
    /// <exception cref="InvalidOperationException">The run waits at no gate.</exception>
    public async Task<Run> ApproveAsync(CancellationToken cancellationToken)
    {
        var atGate = gate ?? throw new InvalidOperationException($"Run '{record.Id}' is not waiting at a HITL gate; there is nothing to approve.");
        var passed = gatePassed.Task;
        var ordinal = await GateOrdinalAsync(atGate.Task, cancellationToken);
        if (await CheckboxWriter.SetAsync(atGate.Task.Document, atGate.Task.Text, ordinal, check: true, cancellationToken) is null)
        {
            throw new InvalidOperationException($"'{atGate.Task.Text}' is no longer in {atGate.Task.Document}; tick the task below the gate in the document.");
        }

        gateSignal.Release();
        return await passed.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the run: the current agent is killed, the run ends stopped. Completes when it has.</summary>
    public async Task StopAsync(string reason, CancellationToken cancellationToken)
    {
        Interlocked.CompareExchange(ref stopReason, reason, null);
        await stopping.CancelAsync();
        await completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops working without ending the run, for a server shutting down: the agent is killed, the run stays
    /// 'running' in the store, and the next start resumes it at the same task.
    /// </summary>
    public async Task InterruptAsync()
    {
        interrupted = true;
        await stopping.CancelAsync();
        await completion;
    }

    public async ValueTask DisposeAsync()
    {
        if (!completion.IsCompleted)
        {
            await InterruptAsync();
        }

        stopping.Dispose();
        gateSignal.Dispose();
        runLock.Dispose();
    }

    private async Task RunAsync()
    {
        RunEnd end;
        try
        {
            end = await WorkAsync();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            end = RunEnd.Stopped(stopReason ?? "Stopped.");
        }
        catch (PlaybookInvalidException ex)
        {
            end = new RunEnd(RunStatus.Failed, RunOutcome.PlaybookInvalid, ex.Message);
        }
        catch (AgentUnavailableException ex)
        {
            end = new RunEnd(RunStatus.Failed, RunOutcome.AgentUnavailable, ex.Message);
        }
        catch (Exception ex)
        {
            services.Logger.LogError(ex, "Run {Run} failed inside Maestro", record.Id);
            end = new RunEnd(RunStatus.Failed, RunOutcome.Error, "The run failed inside Maestro: " + ex.Message);
        }

        try
        {
            if (interrupted)
            {
                await services.Store.SaveAsync(record, CancellationToken.None);
                services.Logger.LogInformation("Run {Run} interrupted by shutdown; it resumes at the next start", record.Id);
                return;
            }

            record = record with { Status = end.Status, Outcome = end.Outcome, Reason = end.Reason, Current = null, EndedAt = DateTimeOffset.UtcNow };
            await services.Store.SaveAsync(record, CancellationToken.None);
            services.Logger.LogInformation("Run {Run} ended {Outcome}: {Reason}", record.Id, end.Outcome, end.Reason ?? "every task done");
            await PublishAsync(RunProgressKind.Finished, null, end.Reason ?? FinishedMessage());
        }
        finally
        {
            gatePassed.TrySetResult(Snapshot()); // an approval racing the end of the run does not wait forever
            runLock.Dispose();
        }
    }

    private async Task<RunEnd> WorkAsync()
    {
        var token = stopping.Token;
        while (true)
        {
            if (record.ResetPending)
            {
                await ResetBoxesAsync(token);
            }

            var playbook = await PlaybookLoader.LoadAsync(record.Playbook, token);
            record = record with { Total = playbook.TotalTasks, Done = playbook.DoneTasks };
            if (HaltIn(playbook.Documents) is { } halt)
            {
                return halt;
            }

            var next = NextTask(playbook);
            if (next is null)
            {
                if (failedThisLoop.Count > 0)
                {
                    return RunEnd.TaskFailed($"{failedThisLoop.Count} task(s) were not done: {string.Join("; ", failedThisLoop.Select(f => $"'{f.Text}' in {Path.GetFileName(f.Document)}" + (failureMessages.TryGetValue(f, out var why) ? $" ({why})" : string.Empty)))}.");
                }

                if (record.Loop >= record.Settings.Loops)
                {
                    return RunEnd.Done;
                }

                // Store the new loop before touching a box: a crash in between redoes the reset, never skips it.
                record = record with { Loop = record.Loop + 1, ResetPending = true };
                await services.Store.SaveAsync(record, CancellationToken.None);
                continue;
            }

            token.ThrowIfCancellationRequested();
            if (MarkerScanner.PendingGate(next.Value.Document.Parsed, next.Value.Document.Markers, next.Value.Task) is { } marker)
            {
                await WaitAtGateAsync(next.Value.Document, next.Value.Task, marker, token);
                continue;
            }

            if (OverBudget(playbook) is { } budget)
            {
                return RunEnd.Budget(budget);
            }

            // A cost limit of settings.json spent (by this run or anything else): the run stops before its next task.
            if (await services.CostLimitReached(record.AgentId, token) is { } limit)
            {
                return RunEnd.Budget(limit);
            }

            var (document, task) = next.Value;
            var (result, message, last) = await RunTaskAsync(playbook, document, task, token);
            switch (result)
            {
                case TaskAttemptResult.Stopped:
                    return RunEnd.Stopped(stopReason ?? "Stopped.");
                case TaskAttemptResult.Halted:
                    return RunEnd.Halted(message);
                case TaskAttemptResult.OutOfTime:
                    return RunEnd.Budget($"The time budget of {record.Settings.Budget!.MaxMinutes} minute(s) ran out during '{task.Text}'; its agent was stopped.");
                case TaskAttemptResult.SignedOut:
                    // Retrying cannot help and every later task would fail the same way: end now, as AgentUnavailable.
                    record = record with { Failed = record.Failed + 1, Current = null };
                    await services.Store.SaveAsync(record, CancellationToken.None);
                    await PublishAsync(RunProgressKind.TaskFailed, last, message);
                    return new RunEnd(RunStatus.Failed, RunOutcome.AgentUnavailable, message);
                case TaskAttemptResult.Failed:
                    failedThisLoop.Add((document.Path, task.Text));
                    failureMessages[(document.Path, task.Text)] = message;
                    record = record with { Failed = record.Failed + 1, Current = null };
                    await services.Store.SaveAsync(record, CancellationToken.None);
                    await PublishAsync(RunProgressKind.TaskFailed, last, message);
                    if (record.Settings.OnTaskFailure == TaskFailurePolicy.Stop)
                    {
                        return RunEnd.TaskFailed(message);
                    }

                    break;
            }
        }
    }

    private (PlaybookDocument Document, DocumentTask Task)? NextTask(Playbook playbook)
    {
        foreach (var document in playbook.Documents)
        {
            foreach (var task in document.Parsed.Tasks)
            {
                if (!task.Checked && !failedThisLoop.Contains((document.Path, task.Text)))
                {
                    return (document, task);
                }
            }
        }

        return null;
    }

    private string? OverBudget(Playbook playbook)
    {
        var budget = record.Settings.Budget;
        var left = playbook.TotalTasks - playbook.DoneTasks - failedThisLoop.Count;
        if (budget?.MaxTasks is { } maxTasks && record.TasksRun >= maxTasks)
        {
            return $"The budget of {maxTasks} task(s) is spent; {left} task(s) are left unchecked.";
        }

        if (budget?.MaxCostUsd is { } maxCost && record.Usage.CostUsd >= maxCost)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The budget of ${maxCost} is spent (${record.Usage.CostUsd:0.####}); {left} task(s) are left unchecked.");
        }

        if (Deadline() is { } deadline && DateTimeOffset.UtcNow >= deadline)
        {
            return $"The time budget of {budget!.MaxMinutes} minute(s) ran out; {left} task(s) are left unchecked.";
        }

        return null;
    }

    private DateTimeOffset? Deadline()
        => record.Settings.Budget?.MaxMinutes is { } minutes ? record.StartedAt.AddMinutes(minutes) : null;

    /// <summary>Gives the task to agents until it is done or its attempts run out; Last is the last attempt (its session and number).</summary>
    private async Task<(TaskAttemptResult Result, string Message, RunTask Last)> RunTaskAsync(Playbook playbook, PlaybookDocument document, DocumentTask task, CancellationToken token)
    {
        var attempts = 1 + (document.Config.Retries ?? record.Settings.Retries);
        record = record with { TasksRun = record.TasksRun + 1 };
        string? previous = null;
        var stalled = 0;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var outcome = await AttemptAsync(playbook, document, task, attempt, attempt < attempts, previous, token);
            stalled = outcome.Progressed ? 0 : stalled + 1;
            var last = ToRunTask(document, task) with { Attempt = attempt, SessionId = outcome.SessionId };
            if (outcome.Result != TaskAttemptResult.Failed)
            {
                return (outcome.Result, outcome.Message, last);
            }

            if (!outcome.Retryable || attempt == attempts)
            {
                return (TaskAttemptResult.Failed, stalled == attempt ? Stalled(attempt, outcome) : outcome.Message, last);
            }

            previous = outcome.Message;
        }

        return (TaskAttemptResult.Failed, previous ?? "The task was not done.", ToRunTask(document, task));
    }

    /// <summary>A task whose every attempt left its box unchecked and changed no file: named so, with the session to open.</summary>
    private static string Stalled(int attempts, AttemptOutcome last)
        => $"Stalled: {(attempts == 1 ? "the attempt" : $"all {attempts} attempts")} made no progress (the box stayed unchecked and no file changed). " +
           $"{last.Message} Open the last session to see why: maestro sessions show {last.SessionId}.";

    /// <summary>One fresh session for the task; done when its box is checked once the turn is over.</summary>
    private async Task<AttemptOutcome> AttemptAsync(
        Playbook playbook, PlaybookDocument document, DocumentTask task, int attempt, bool willRetry, string? previous, CancellationToken token)
    {
        var mode = Capped(document.Config.PermissionMode ?? record.Settings.PermissionCeiling, record.Settings.PermissionCeiling);
        var session = await services.Sessions.CreateAsync(
            new SessionCreateParams
            {
                AgentId = record.AgentId,
                Cwd = record.Cwd,
                Name = SessionName(playbook, task, attempt),
                Model = ModelFor(document, task),
                PermissionMode = mode,
            },
            token);
        var runTask = ToRunTask(document, task) with { Attempt = attempt, SessionId = session.Id };
        var row = new RunTaskRecord
        {
            RunId = record.Id,
            Seq = ++seq,
            Loop = record.Loop,
            Document = document.Path,
            Ordinal = task.Ordinal,
            Line = task.Line,
            Text = task.Text,
            Attempt = attempt,
            SessionId = session.Id,
            Status = RunTaskStatus.Running,
            StartedAt = DateTimeOffset.UtcNow,
        };
        lock (sessionIds)
        {
            sessionIds.Add(session.Id);
        }

        record = record with { Current = runTask };
        await services.Store.SaveTaskAsync(row, CancellationToken.None);
        await services.Store.SaveAsync(record, CancellationToken.None);
        await PublishAsync(RunProgressKind.TaskStarted, runTask, previous is null ? null : $"Retrying: {previous}");

        var prompt = document.Prompt.Render(new PromptValues(
            playbook.Path, document.Path, task.Text, task.Line, task.Section, document.Parsed.Body, record.Loop, record.AgentId, record.Cwd, GitHead.BranchOf(record.Cwd), DateTimeOffset.Now));
        // Three things end a turn early: the run stopping, the run's time budget, and the per-task limit. Only the
        // last leaves the run going (the attempt counts as not done), so each has its own source.
        using var outOfTime = new CancellationTokenSource();
        if (Deadline() is { } deadline)
        {
            outOfTime.CancelAfter(Max(deadline - DateTimeOffset.UtcNow, TimeSpan.Zero));
        }

        using var taskLimit = new CancellationTokenSource();
        if (record.Settings.Budget?.MaxTaskMinutes is { } taskMinutes)
        {
            taskLimit.CancelAfter(TimeSpan.FromMinutes(taskMinutes));
        }

        using var turn = CancellationTokenSource.CreateLinkedTokenSource(token, outOfTime.Token, taskLimit.Token);

        SessionPromptResult? turnResult = null;
        var outages = RunOutageWatch.Start(services.Sessions, session.Id, outage => OnOutageAsync(runTask, outage));
        try
        {
            turnResult = await services.Sessions.PromptAsync(session.Id, prompt, turn.Token);
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested)
        {
        }
        finally
        {
            await outages.DisposeAsync();
            waiting = null;
            await CloseQuietlyAsync(session.Id);
        }

        var usage = turnResult?.Usage ?? Usage.Zero;
        record = record with { Usage = record.Usage.Add(usage) };
        row = row with { Usage = usage, EndedAt = DateTimeOffset.UtcNow };
        if (token.IsCancellationRequested || outOfTime.IsCancellationRequested)
        {
            var status = interrupted ? RunTaskStatus.Interrupted : RunTaskStatus.Stopped;
            await services.Store.SaveTaskAsync(row with { Status = status, Message = interrupted ? "Maestro shut down during this attempt; the task runs again." : stopReason ?? "Out of time." }, CancellationToken.None);
            return new AttemptOutcome(token.IsCancellationRequested ? TaskAttemptResult.Stopped : TaskAttemptResult.OutOfTime, string.Empty, false, true, session.Id);
        }

        var overTaskLimit = taskLimit.IsCancellationRequested;
        var transcript = await ReadTranscriptAsync(session.Id);
        var check = await CheckAsync(document, task, overTaskLimit ? null : turnResult, transcript.LastError);
        if (overTaskLimit && !check.Done)
        {
            check.Message = $"{check.Message} The attempt took longer than budget.maxTaskMinutes ({record.Settings.Budget!.MaxTaskMinutes} minute(s)) and its agent was stopped.";
        }

        if (!check.Done && RefusalText.Of(transcript.Refused, mode) is { } refusals)
        {
            check.Message = $"{check.Message} {refusals}";
        }

        var halted = await HaltAfterTurnAsync(document);
        if (check.Done)
        {
            record = record with { Done = record.Done + 1, Current = null };
            await services.Store.SaveTaskAsync(row with { Status = RunTaskStatus.Done, Message = check.Message }, CancellationToken.None);
            await services.Store.SaveAsync(record, CancellationToken.None);
            await PublishAsync(RunProgressKind.TaskDone, runTask, check.Message);
            return halted is null ? new AttemptOutcome(TaskAttemptResult.Done, check.Message ?? string.Empty, false, true, session.Id) : new AttemptOutcome(TaskAttemptResult.Halted, halted, false, true, session.Id);
        }

        if (halted is not null)
        {
            // The agent stopped the playbook: no retry, no taskFailed; the run ends with the marker's reason.
            record = record with { Current = null };
            await services.Store.SaveTaskAsync(row with { Status = RunTaskStatus.Failed, Message = halted }, CancellationToken.None);
            await services.Store.SaveAsync(record, CancellationToken.None);
            return new AttemptOutcome(TaskAttemptResult.Halted, halted, false, true, session.Id);
        }

        if (turnResult?.StopReason == StopReason.Error && transcript.LastError is { } error && SignInHints.ReadsAsSignedOut(error))
        {
            await services.Store.SaveTaskAsync(row with { Status = RunTaskStatus.Failed, Message = check.Message }, CancellationToken.None);
            await services.Store.SaveAsync(record, CancellationToken.None);
            return new AttemptOutcome(TaskAttemptResult.SignedOut, $"'{task.Text}' was not attempted: {error} The run stopped instead of retrying (no retry can fix sign-in).", false, true, session.Id);
        }

        var retry = willRetry && !check.Gone;
        await services.Store.SaveTaskAsync(row with { Status = retry ? RunTaskStatus.NotDone : RunTaskStatus.Failed, Message = check.Message }, CancellationToken.None);
        await services.Store.SaveAsync(record, CancellationToken.None);
        return new AttemptOutcome(TaskAttemptResult.Failed, check.Message!, !check.Gone, transcript.ChangedFiles, session.Id);
    }

    /// <summary>The attempt's session as read after its turn; an unreadable history (a deleted session) reads as empty.</summary>
    private async Task<AttemptTranscript> ReadTranscriptAsync(string sessionId)
    {
        try
        {
            return await AttemptTranscript.ReadAsync(services.Sessions, sessionId, CancellationToken.None);
        }
        catch (MaestroException)
        {
            return AttemptTranscript.Empty;
        }
    }

    /// <summary>
    /// The model the task runs with: a <c>MAESTRO:MODEL</c> tier that maps to one for this agent, else the document's
    /// <c>model</c> (<c>default</c>, and a tier without a map, keep it; the log says so for the latter).
    /// </summary>
    private string? ModelFor(PlaybookDocument document, DocumentTask task)
    {
        var tier = MarkerScanner.TierFor(document.Markers, task);
        if (tier is null || tier == ModelTiers.Default)
        {
            return document.Config.Model;
        }

        var model = ModelTiers.ModelFor(record.AgentId, tier);
        if (model is null)
        {
            services.Logger.LogInformation("Run {Run}: the model tier '{Tier}' of '{Task}' has no model for {Agent}; it runs with the agent's own", record.Id, tier, task.Text, record.AgentId);
        }

        return model ?? document.Config.Model;
    }

    /// <summary>The end of a run whose documents hold a live halt marker, or null.</summary>
    private static RunEnd? HaltIn(IEnumerable<PlaybookDocument> documents)
    {
        foreach (var document in documents)
        {
            if (MarkerScanner.LiveHalt(document.Markers) is { } halt)
            {
                return RunEnd.Halted(HaltReason(document.Path, halt));
            }
        }

        return null;
    }

    /// <summary>The halt an agent wrote into the task's document during its turn, as the run's reason; null when none.</summary>
    private async Task<string?> HaltAfterTurnAsync(PlaybookDocument document)
    {
        try
        {
            var after = await PlaybookLoader.ReadTasksAsync(document.Path, CancellationToken.None);
            return MarkerScanner.LiveHalt(MarkerScanner.Scan(after)) is { } halt ? HaltReason(document.Path, halt) : null;
        }
        catch (PlaybookInvalidException ex)
        {
            services.Logger.LogDebug(ex, "Run {Run}: {Document} could not be read for a halt marker", record.Id, document.Path);
            return null; // the check of the box says what happened to the document
        }
    }

    private static string HaltReason(string document, DocumentMarker halt)
        => $"Halted by the playbook: {halt.Reason ?? "no reason given"} (the halt marker on line {halt.Line} of {Path.GetFileName(document)}; remove it by hand before the next run).";

    /// <summary>
    /// Waits at a HITL gate until the task below it is ticked: by the person in the document (a file event wakes the
    /// run; a re-read every few seconds covers file systems without events) or by runs/approve. runs/stop still ends
    /// the run. The wait is a live state, never stored: a restarted run finds the gate again in the document.
    /// </summary>
    private async Task WaitAtGateAsync(PlaybookDocument document, DocumentTask task, DocumentMarker marker, CancellationToken token)
    {
        var runTask = ToRunTask(document, task);
        gate = new RunGate { Reason = marker.Reason ?? MarkerScanner.DefaultGateReason, Artifact = marker.Artifact, Task = runTask, MarkerLine = marker.Line, Since = DateTimeOffset.UtcNow };
        services.Logger.LogInformation("Run {Run} waits at the HITL gate on line {Line} of {Document}: {Reason}", record.Id, marker.Line, document.Path, gate.Reason);
        await PublishAsync(RunProgressKind.Waiting, runTask, $"Waiting for a person: {gate.Reason}" + (gate.Artifact is null ? string.Empty : $" (look at {gate.Artifact})") + $". Tick '{task.Text}' (line {task.Line} of {document.Name}) to approve, or use runs/approve.");
        using var watcher = WatchDocument(document.Path);
        try
        {
            while (true)
            {
                try
                {
                    await gateSignal.WaitAsync(GateRecheck, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    throw;
                }

                if (!await StillGatedAsync(document.Path, task))
                {
                    break;
                }
            }
        }
        finally
        {
            gate = null;
        }

        await PublishAsync(RunProgressKind.Resumed, runTask, $"Approved: '{task.Text}' is checked; the run goes on.");
        // Taken here, before the next task starts: what the approval answers does not depend on how far the run got since.
        var passed = Snapshot();
        Interlocked.Exchange(ref gatePassed, new TaskCompletionSource<Run>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(passed);
    }

    private static async Task<bool> StillGatedAsync(string path, DocumentTask task)
    {
        try
        {
            var after = await PlaybookLoader.ReadTasksAsync(path, CancellationToken.None);
            var found = TaskMatcher.Find(after, task.Text, task.Ordinal);
            return found is not null && MarkerScanner.PendingGate(after, MarkerScanner.Scan(after), found) is not null;
        }
        catch (PlaybookInvalidException)
        {
            return false; // gone or unreadable: the run's next read says so
        }
    }

    private FileSystemWatcher? WatchDocument(string path)
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
            };
            FileSystemEventHandler wake = (_, _) => ReleaseGate();
            watcher.Changed += wake;
            watcher.Created += wake;
            watcher.Renamed += (_, _) => ReleaseGate();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            services.Logger.LogDebug(ex, "Run {Run}: no file events for {Document}; the gate re-reads it every {Seconds}s", record.Id, path, GateRecheck.TotalSeconds);
            return null;
        }
    }

    private void ReleaseGate()
    {
        try
        {
            gateSignal.Release();
        }
        catch (ObjectDisposedException)
        {
            // the run is over
        }
    }

    private static async Task<int> GateOrdinalAsync(RunTask task, CancellationToken cancellationToken)
    {
        var parsed = await PlaybookLoader.ReadTasksAsync(task.Document, cancellationToken);
        return parsed.Tasks.FirstOrDefault(t => t.Line == task.Line && t.Text == task.Text)?.Ordinal
            ?? parsed.Tasks.FirstOrDefault(t => t.Text == task.Text)?.Ordinal
            ?? 0;
    }

    /// <summary>Reads the document again: the task's own box decides; anything else that changed is reported, never undone.</summary>
    private static async Task<(bool Done, bool Gone, string? Message)> CheckAsync(PlaybookDocument document, DocumentTask task, SessionPromptResult? turnResult, string? lastError)
    {
        TaskDocument after;
        try
        {
            after = await PlaybookLoader.ReadTasksAsync(document.Path, CancellationToken.None);
        }
        catch (PlaybookInvalidException ex)
        {
            return (false, true, ex.Message);
        }

        var found = TaskMatcher.Find(after, task.Text, task.Ordinal);
        if (found is null)
        {
            return (false, true, $"'{task.Text}' is no longer in {document.Path}: the document was rewritten or the task's text changed during the turn. Maestro left the file as it is.");
        }

        var others = after.Tasks
            .Where(t => t.Checked && t.Ordinal != found.Ordinal)
            .Where(t => document.Parsed.Tasks.Any(b => !b.Checked && b.Text == t.Text) && !document.Parsed.Tasks.Any(b => b.Checked && b.Text == t.Text))
            .ToList();
        var warning = others.Count == 0
            ? null
            : $"Also checked off during this task, and not given to the agent: {string.Join("; ", others.Select(o => $"'{o.Text}' (line {o.Line})"))}; they count as done. Uncheck them to have them run.";
        if (found.Checked)
        {
            return (true, false, warning);
        }

        var why = turnResult switch
        {
            null => "the agent's turn did not complete",
            { StopReason: StopReason.Error } => lastError is null ? "the agent's turn ended with an error (its session's history says why)" : $"the agent's turn ended with an error: {lastError.TrimEnd('.')}",
            { StopReason: StopReason.MaxTurns } => "the agent ran out of turns",
            _ => "the agent ended its turn without checking the box",
        };
        return (false, false, $"'{task.Text}' (line {found.Line} of {Path.GetFileName(document.Path)}) is still unchecked: {why}." + (warning is null ? string.Empty : " " + warning));
    }

    /// <summary>Unchecks every box of every document for the next loop, one byte each, re-reading each file as it goes.</summary>
    private async Task ResetBoxesAsync(CancellationToken token)
    {
        var playbook = await PlaybookLoader.LoadAsync(record.Playbook, token);
        foreach (var document in playbook.Documents)
        {
            foreach (var task in document.Parsed.Tasks.Where(t => t.Checked))
            {
                await CheckboxWriter.SetAsync(document.Path, task.Text, task.Ordinal, check: false, CancellationToken.None);
            }
        }

        failedThisLoop.Clear();
        failureMessages.Clear();
        record = record with { ResetPending = false, Done = 0, Total = playbook.TotalTasks };
        await services.Store.SaveAsync(record, CancellationToken.None);
        await PublishAsync(RunProgressKind.LoopStarted, null, $"Loop {record.Loop} of {record.Settings.Loops}: every box was unchecked.");
    }

    /// <summary>
    /// The task's agent waits for the provider (its session resends the same prompt by itself): the run says so, and
    /// says when it goes on. Waiting uses up none of the task's retries.
    /// </summary>
    private async Task OnOutageAsync(RunTask runTask, OutageEvent outage)
    {
        try
        {
            if (outage.State == OutageState.Waiting)
            {
                waiting = new RunWait
                {
                    SessionId = runTask.SessionId!,
                    Class = outage.Class,
                    Reason = outage.Reason,
                    Since = outage.Since,
                    NextAt = outage.NextAt,
                    ResetAt = outage.ResetAt,
                    Attempts = outage.Attempts,
                };
                await PublishAsync(RunProgressKind.Waiting, runTask, RunWaitText.Describe(waiting));
            }
            else if (waiting is not null)
            {
                waiting = null;
                await PublishAsync(RunProgressKind.Resumed, runTask, outage.State == OutageState.Recovered
                    ? $"The provider answered again after {outage.Attempts} failed send(s); the task goes on."
                    : $"Stopped waiting for the provider: {outage.StoppedBecause}.");
            }
        }
        catch (Exception ex)
        {
            services.Logger.LogWarning(ex, "Run {Run}: could not report the provider wait of session {Session}", record.Id, runTask.SessionId);
        }
    }

    private async Task CloseQuietlyAsync(string sessionId)
    {
        try
        {
            // Closed sessions keep their history; closing frees the live runtime a long run would otherwise pile up.
            await services.Sessions.CloseAsync(sessionId, removeWorktree: false, deleteBranch: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            services.Logger.LogWarning(ex, "Run {Run}: could not close session {Session}", record.Id, sessionId);
        }
    }

    private Task PublishAsync(RunProgressKind kind, RunTask? task, string? message)
        => services.Publish(new RunProgressNotification { Run = Snapshot(), Event = kind, Task = task, Message = message });

    private string FinishedMessage() => record.Settings.Loops > 1
        ? $"Every task is done, {record.Settings.Loops} times."
        : "Every task is done.";

    private static RunTask ToRunTask(PlaybookDocument document, DocumentTask task)
        => new() { Document = document.Path, Line = task.Line, Text = task.Text };

    private static string SessionName(Playbook playbook, DocumentTask task, int attempt)
    {
        var name = $"{playbook.Name}: {task.Text}";
        name = name.Length > MaxSessionNameLength ? name[..(MaxSessionNameLength - 1)] + "…" : name;
        return attempt > 1 ? $"{name} (try {attempt})" : name;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A document's mode, never above the run's ceiling (the modes are ordered ask &lt; acceptEdits &lt; bypass).</summary>
    private static PermissionMode Capped(PermissionMode mode, PermissionMode ceiling) => mode > ceiling ? ceiling : mode;
}

using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Agents.Running;
using Maestro.Server.Sessions.Errors;
using Maestro.Server.Sessions.Resilience;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Sessions;

/// <summary>
/// A live session: its prompt queue, its running turn, and its event pump. Turns run one at a time
/// in the order prompts arrived; cancel stops the running turn and drops the queued ones.
/// </summary>
internal sealed class SessionRuntime : ITurnSink, IAsyncDisposable
{
    private readonly Channel<PendingPrompt> prompts = Channel.CreateUnbounded<PendingPrompt>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IAgentAdapter adapter;
    private readonly SessionEventPump pump;
    private readonly ILogger logger;
    private readonly SecretRedactor redactor;
    private readonly Task loop;
    private readonly CancellationTokenSource closing = new();
    private readonly ITurnObserver? turnObserver;
    private readonly OutageControl outages;
    private readonly TurnRetryLoop retries;
    private readonly FailoverBackup? backup;
    private readonly object admission = new();
    private readonly TaskCompletionSource<SessionRuntime> successor = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? currentTurn;
    private bool retired;
    private int queued;
    private volatile string? stopping;

    public SessionRuntime(IAgentAdapter adapter, SessionEventPump pump, SecretRedactor redactor, ILogger logger, ITurnObserver? turnObserver = null, TurnRetryPolicy? retryPolicy = null, TimeProvider? time = null, FailoverBackup? backup = null)
    {
        this.backup = backup;
        this.turnObserver = turnObserver;
        time ??= TimeProvider.System;
        outages = new OutageControl(time);
        retries = new TurnRetryLoop(retryPolicy ?? TurnRetryPolicy.Off, outages, time, new OutageReporter(this));
        this.adapter = adapter;
        this.redactor = redactor;
        this.pump = pump;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    public Session Session => pump.Current;

    /// <summary>The session's MCP servers when a turn starts (the service holds them, across agent switches).</summary>
    public Func<IReadOnlyList<McpServer>> McpServers { get; init; } = () => [];

    public int Queued => Volatile.Read(ref queued);

    /// <summary>A turn runs or waits its turn: work that keeps the daemon up with no client attached.</summary>
    public bool Busy => Volatile.Read(ref currentTurn) is not null || Queued > 0;

    public Task<SessionPromptResult> PromptAsync(string text, CancellationToken requestAborted)
    {
        if (closing.IsCancellationRequested)
        {
            throw new SessionClosedException(Session.Id);
        }

        var prompt = new PendingPrompt(text, requestAborted);
        int ahead;
        lock (admission)
        {
            if (retired)
            {
                throw new RuntimeRetiredException();
            }

            ahead = Queued + (Volatile.Read(ref currentTurn) is null ? 0 : 1);
            Interlocked.Increment(ref queued);
            if (!prompts.Writer.TryWrite(prompt))
            {
                throw new SessionClosedException(Session.Id);
            }
        }

        if (ahead > 0)
        {
            // A queued turn keeps the daemon up with no client (Busy); the log shows why a prompt's turn has not started.
            logger.LogInformation("Prompt {Turn} of session {Session} waits behind the running turn ({Ahead} ahead of it)", prompt.TurnId, Session.Id, ahead);
        }

        outages.PromptArrived(); // a prompt sent while a failed one waits to be resent takes over

        return prompt.Result.Task;
    }

    /// <summary>
    /// Takes no more prompts, when none runs or waits: the session is about to get a new runtime (another agent).
    /// False, and nothing changes, while a turn is busy. Under the same lock as admission, so no prompt slips in between.
    /// </summary>
    public bool TryRetire()
    {
        lock (admission)
        {
            if (Busy || retired)
            {
                return false;
            }

            retired = true;
            return true;
        }
    }

    /// <summary>The runtime that took over after <see cref="TryRetire"/>: a prompt that found this one retired goes there.</summary>
    public Task<SessionRuntime> Successor => successor.Task;

    public bool Retired
    {
        get
        {
            lock (admission)
            {
                return retired;
            }
        }
    }

    public void HandOver(SessionRuntime next) => successor.TrySetResult(next);

    public void HandOverFailed(Exception why) => successor.TrySetException(why);

    /// <summary>Changes the session row (model, permission mode) and waits until it is stored and every client told.</summary>
    public async Task ReconfigureAsync(Func<Session, Session> change)
    {
        await pump.UpdateAsync(change);
        await pump.FlushAsync();
    }

    /// <summary>Ends the wait of a turn in an outage: its prompt is resent now. False when no turn is waiting.</summary>
    public bool RetryNow() => outages.TryNow();

    /// <summary>Stops the running turn (killing the agent's process tree) and drops queued prompts.</summary>
    public async Task CancelAsync()
    {
        while (prompts.Reader.TryRead(out var dropped))
        {
            Interlocked.Decrement(ref queued);
            dropped.Result.TrySetResult(new SessionPromptResult { TurnId = dropped.TurnId, StopReason = StopReason.Cancelled, Usage = Usage.Zero });
        }

        var turn = Volatile.Read(ref currentTurn);
        if (turn is not null)
        {
            await turn.CancelAsync();
        }
    }

    public async Task CloseAsync()
    {
        await closing.CancelAsync();
        prompts.Writer.TryComplete();
        await CancelAsync();
        await loop;
        await pump.UpdateAsync(s => s with { Status = SessionStatus.Closed });
        await pump.FlushAsync();
    }

    public Task SetArchivedAsync(bool archived) => pump.UpdateAsync(s => s with { Archived = archived }).AsTask().ContinueWith(_ => pump.FlushAsync(), TaskScheduler.Default).Unwrap();

    public Task RenameAsync(string name) => pump.UpdateAsync(s => s with { Name = name }).AsTask().ContinueWith(_ => pump.FlushAsync(), TaskScheduler.Default).Unwrap();

    /// <summary>
    /// Stores and broadcasts an event. Every error, whoever raised it, passes here and leaves without the agent's
    /// secrets: the one place error texts are redacted before the database, transcripts and clients see them.
    /// </summary>
    public ValueTask EmitAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
        => pump.EmitAsync(sessionEvent is ErrorEvent error ? redactor.Redact(error) : sessionEvent, cancellationToken);

    /// <summary>Completes once everything emitted so far is stored and broadcast.</summary>
    public Task FlushAsync() => pump.FlushAsync();

    public ValueTask SetAgentSessionIdAsync(string agentSessionId, CancellationToken cancellationToken)
        => pump.UpdateAsync(s => s with { AgentSessionId = agentSessionId }, cancellationToken);

    /// <summary>Stops the runtime because Maestro itself stops; a running turn ends failed with <paramref name="why"/> as its error.</summary>
    public ValueTask StopAsync(string why)
    {
        stopping = why;
        return DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        prompts.Writer.TryComplete();
        await CancelAsync();
        await loop;
        if (adapter is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (backup is not null)
        {
            await backup.DisposeAsync();
        }

        await pump.DisposeAsync();
        closing.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var prompt in prompts.Reader.ReadAllAsync())
        {
            using var turnCts = CancellationTokenSource.CreateLinkedTokenSource(prompt.RequestAborted, closing.Token);
            Volatile.Write(ref currentTurn, turnCts);
            Interlocked.Decrement(ref queued); // after the turn is current, so Busy never reads false in between
            SessionPromptResult result;
            try
            {
                result = await RunTurnAsync(prompt, turnCts.Token);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Turn {Turn} of session {Session} failed unexpectedly", prompt.TurnId, Session.Id);
                result = new SessionPromptResult { TurnId = prompt.TurnId, StopReason = StopReason.Error, Usage = Usage.Zero };
                await EndFailedTurnAsync(prompt, ex);
            }
            finally
            {
                Volatile.Write(ref currentTurn, null);
            }

            prompt.Result.TrySetResult(result);
        }
    }

    private async Task<SessionPromptResult> RunTurnAsync(PendingPrompt prompt, CancellationToken cancellationToken)
    {
        var none = CancellationToken.None; // what the agent did is stored even when the turn is cancelled
        await pump.EmitAsync(new PromptEvent { TurnId = prompt.TurnId, Text = prompt.Text }, none);
        await pump.UpdateAsync(s => s with { Status = SessionStatus.Running }, none);
        await pump.EmitAsync(new StatusEvent { Status = SessionStatus.Running, TurnId = prompt.TurnId }, none);

        var session = pump.Current;
        var turn = new AgentTurn
        {
            TurnId = prompt.TurnId,
            SessionId = session.Id,
            Prompt = prompt.Text,
            WorkingDirectory = session.Worktree ?? session.Cwd,
            AgentSessionId = session.AgentSessionId,
            Model = session.Model,
            PermissionMode = session.PermissionMode,
            McpServers = McpServers(),
        };
        var outcome = await RunObservedAsync(turn, cancellationToken);
        if (outcome.StopReason == StopReason.Cancelled && stopping is { } why && !prompt.RequestAborted.IsCancellationRequested)
        {
            // Not the person's cancel: Maestro stopped under the turn. Say so, rather than a plain "cancelled".
            outcome = outcome with { StopReason = StopReason.Error, Error = why };
        }
        if (outcome.Error is not null)
        {
            await EmitAsync(new ErrorEvent { Message = SignInHints.Append(session.AgentId, outcome.Error, outcome.Detail), Detail = outcome.Detail }, none);
        }

        var status = outcome.StopReason == StopReason.Error ? SessionStatus.Failed : SessionStatus.Idle;
        await pump.UpdateAsync(s => s with { Status = status }, none);
        await pump.EmitAsync(new StatusEvent { Status = status, TurnId = prompt.TurnId, StopReason = outcome.StopReason }, none);
        await pump.FlushAsync(none);
        return new SessionPromptResult { TurnId = prompt.TurnId, StopReason = outcome.StopReason, Usage = outcome.Usage };
    }

    /// <summary>The agent's turn between the observer's start and end calls (review attribution snapshots the folder there).</summary>
    private async Task<TurnOutcome> RunObservedAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        // Resent through the same adapter with the same turn (and so the same agent conversation) while the provider is out.
        Task<TurnOutcome> SendAsync(ITurnObserver? observer)
            => retries.RunAsync(turn.TurnId, new UncancellableSink(this, observer, turn.TurnId), (sink, route, ct) => SendOnceAsync(turn, sink, route, ct), cancellationToken);

        if (turnObserver is null)
        {
            return await SendAsync(null);
        }

        await turnObserver.TurnStartingAsync(turn.SessionId, turn.TurnId, turn.WorkingDirectory, CancellationToken.None);
        try
        {
            // Cancelled while the folder was being snapshotted: the agent never starts, the turn is simply cancelled.
            if (cancellationToken.IsCancellationRequested)
            {
                return new TurnOutcome(StopReason.Cancelled, Usage.Zero);
            }

            return await SendAsync(turnObserver);
        }
        finally
        {
            await turnObserver.TurnEndedAsync(turn.SessionId, turn.TurnId, CancellationToken.None);
        }
    }

    /// <summary>
    /// One send of the turn to the agent, or to its failover backup. A cancel can land in any await of the adapter before
    /// its process runs (reading the conversation's cost so far, starting the process): that is the person's cancel, not a failure.
    /// </summary>
    private async Task<TurnOutcome> SendOnceAsync(AgentTurn turn, ITurnSink sink, TurnRoute route, CancellationToken cancellationToken)
    {
        try
        {
            if (route == TurnRoute.Backup && backup is not null)
            {
                return await backup.AdapterOr(adapter).RunTurnAsync(backup.Retarget(turn), sink, cancellationToken);
            }

            return await adapter.RunTurnAsync(turn, sink, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new TurnOutcome(StopReason.Cancelled, Usage.Zero);
        }
    }

    /// <summary>
    /// A turn that threw still ends with an error and a <c>status</c> event: without it clients show "running" for
    /// ever. Each step is tried on its own, so a failing store cannot keep the next one from being sent.
    /// </summary>
    private async Task EndFailedTurnAsync(PendingPrompt prompt, Exception failure)
    {
        var steps = new Func<Task>[]
        {
            () => EmitAsync(new ErrorEvent { Message = "The turn failed inside Maestro: " + failure.Message }, CancellationToken.None).AsTask(),
            () => pump.UpdateAsync(s => s with { Status = SessionStatus.Failed }).AsTask(),
            () => pump.EmitAsync(new StatusEvent { Status = SessionStatus.Failed, TurnId = prompt.TurnId, StopReason = StopReason.Error }, CancellationToken.None).AsTask(),
            () => pump.FlushAsync(),
        };
        foreach (var step in steps)
        {
            try
            {
                await step();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not record the end of failed turn {Turn} of session {Session}", prompt.TurnId, Session.Id);
            }
        }
    }

    /// <summary>The outage's one event (redacted like errors: it quotes the agent's error) and the session's status while it lasts.</summary>
    private sealed class OutageReporter(SessionRuntime runtime) : IOutageReporter
    {
        public async ValueTask ReportAsync(OutageEvent outage)
        {
            await runtime.pump.EmitAsync(outage with { Reason = runtime.redactor.Redact(outage.Reason) }, CancellationToken.None);
            await runtime.pump.FlushAsync(CancellationToken.None);
        }

        public async ValueTask SetStatusAsync(SessionStatus status, string turnId)
        {
            await runtime.pump.UpdateAsync(s => s with { Status = status }, CancellationToken.None);
            await runtime.pump.EmitAsync(new StatusEvent { Status = status, TurnId = turnId }, CancellationToken.None);
            await runtime.pump.FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>Events the agent printed before a cancel are still stored: the sink ignores the turn's token.</summary>
    private sealed class UncancellableSink(SessionRuntime runtime, ITurnObserver? observer, string turnId) : ITurnSink
    {
        public ValueTask EmitAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
        {
            switch (sessionEvent)
            {
                case FileChangeEvent change:
                    observer?.FileReported(runtime.Session.Id, turnId, change.Path);
                    break;
                case ToolCallEvent call:
                    observer?.ToolCallReported(runtime.Session.Id, turnId, call.ToolCallId, call.Status);
                    break;
                case ToolCallUpdateEvent update:
                    observer?.ToolCallReported(runtime.Session.Id, turnId, update.ToolCallId, update.Status);
                    break;
            }

            return runtime.EmitAsync(sessionEvent, CancellationToken.None);
        }

        public ValueTask SetAgentSessionIdAsync(string agentSessionId, CancellationToken cancellationToken) => runtime.SetAgentSessionIdAsync(agentSessionId, CancellationToken.None);
    }

    /// <summary>A prompt reached a runtime that gave way to another (the session switched agents): it goes to <see cref="Successor"/>.</summary>
    internal sealed class RuntimeRetiredException : Exception
    {
        public RuntimeRetiredException()
            : base("The session switched agents; the prompt goes to its new runtime.")
        {
        }

        public RuntimeRetiredException(string message)
            : base(message)
        {
        }

        public RuntimeRetiredException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// The wait between resends of one session, and the two things that end it early: Try now and a new prompt. Cancel
/// ends it through the turn's token. At most one wait runs at a time (a session runs one turn at a time).
/// </summary>
public sealed class OutageControl
{
    private readonly TimeProvider time;
    private TaskCompletionSource<RetryWaitEnd>? waiting;

    public OutageControl(TimeProvider time)
    {
        this.time = time;
    }

    public bool Waiting => Volatile.Read(ref waiting) is not null;

    /// <summary>Ends the current wait at once; false when the session is not waiting.</summary>
    public bool TryNow() => Volatile.Read(ref waiting)?.TrySetResult(RetryWaitEnd.TryNow) ?? false;

    /// <summary>A prompt was sent: a waiting resend gives way to it.</summary>
    public void PromptArrived() => Volatile.Read(ref waiting)?.TrySetResult(RetryWaitEnd.TakenOver);

    /// <summary>
    /// Starts waiting until <paramref name="until"/>. The timer is registered before this returns, so whatever the caller
    /// announces next (the outage event) is only seen once the wait can be ended by the clock.
    /// </summary>
    public Task<RetryWaitEnd> BeginWait(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var signal = new TaskCompletionSource<RetryWaitEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref waiting, signal);
        var delay = until - time.GetUtcNow();
        var due = delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
        return EndAsync(signal, due, cancellationToken);
    }

    private async Task<RetryWaitEnd> EndAsync(TaskCompletionSource<RetryWaitEnd> signal, Task due, CancellationToken cancellationToken)
    {
        try
        {
            var first = await Task.WhenAny(due, signal.Task.WaitAsync(cancellationToken));
            await first; // throws OperationCanceledException on cancel
            return signal.Task.IsCompletedSuccessfully ? signal.Task.Result : RetryWaitEnd.Due;
        }
        finally
        {
            Interlocked.CompareExchange(ref waiting, null, signal);
        }
    }
}

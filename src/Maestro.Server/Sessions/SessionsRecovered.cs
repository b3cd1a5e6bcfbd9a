namespace Maestro.Server.Sessions;

/// <summary>
/// Completes once the turns a previous server left running have been marked interrupted. Registered with the
/// recovery (<c>AddMaestroRecovery()</c>), set by <see cref="SessionRecovery"/>: a resumed run waits for it so it
/// cannot mistake a session the recovery has not reached yet for one still running.
/// </summary>
public sealed class SessionsRecovered
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => done.Task;

    internal void Set() => done.TrySetResult();
}

using System.Collections.Concurrent;

namespace Maestro.Server.Git.Review;

/// <summary>
/// One lock per git directory (a linked worktree has its own index): accept and reject read, compute and write
/// the index and the working files as one step, so concurrent calls on a file, or on the index, take turns.
/// </summary>
public sealed class RepositoryLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(GitRepositoryPath repository, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(repository.GitDir, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

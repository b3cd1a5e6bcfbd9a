namespace Maestro.Server.Git.Review;

/// <summary>
/// A watcher of a whole working tree (every folder below the root) that reports each path an event names, both
/// sides of a rename, and its errors (an overflow means events were lost). Not started: the caller sets
/// <see cref="FileSystemWatcher.EnableRaisingEvents"/> once it is ready for events.
/// </summary>
internal static class WorkingTreeWatcher
{
    public static FileSystemWatcher Create(string root, Action<string> onPath, Action<Exception> onError)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
        };
        watcher.Changed += (_, e) => onPath(e.FullPath);
        watcher.Created += (_, e) => onPath(e.FullPath);
        watcher.Deleted += (_, e) => onPath(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            onPath(e.OldFullPath);
            onPath(e.FullPath);
        };
        watcher.Error += (_, e) => onError(e.GetException());
        return watcher;
    }
}

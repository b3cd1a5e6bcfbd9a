namespace Maestro.Server.Files;

/// <summary>
/// Opens plain files only, never through a link on the last component: the path is checked with lstat before the
/// open (so a FIFO is never opened and cannot block, a device never read) and the opened handle is checked to be
/// that very file afterwards (so a swap in between is refused, not followed).
/// </summary>
internal static class RegularFile
{
    /// <summary>Opens an existing regular file for reading; refuses anything else and files over <paramref name="maxBytes"/>.</summary>
    public static FileStream OpenRead(string path, long maxBytes)
    {
        var before = Check(path, mustExist: true, maxBytes)!.Value;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        return Verified(stream, path, before);
    }

    /// <summary>
    /// Opens a regular file for writing, creating it when absent, without truncating it yet (the caller does once
    /// it holds the verified handle). Refuses a link, FIFO, device or folder at <paramref name="path"/>.
    /// </summary>
    public static FileStream OpenWrite(string path)
    {
        var before = Check(path, mustExist: false, long.MaxValue);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete, 4096, FileOptions.None);
        return Verified(stream, path, before ?? FileStatus.OfPath(path) ?? throw new UnsafeFileException($"'{path}' vanished while it was being opened."));
    }

    /// <summary>The lstat of <paramref name="path"/> when it is a regular file; null when absent and allowed to be.</summary>
    public static FileStatus? Check(string path, bool mustExist, long maxBytes)
    {
        var status = FileStatus.OfPath(path);
        if (status is null)
        {
            return mustExist ? throw new FileNotFoundException($"'{path}' does not exist.", path) : null;
        }

        if (status.Value.Kind != FileKind.Regular)
        {
            throw new UnsafeFileException($"'{path}' is {Describe(status.Value.Kind)}, not a regular file; only regular files are read or written.");
        }

        if (status.Value.Size > maxBytes)
        {
            throw new UnsafeFileException($"'{path}' is {status.Value.Size:N0} bytes, more than the {maxBytes:N0} allowed.");
        }

        return status;
    }

    private static FileStream Verified(FileStream stream, string path, FileStatus expected)
    {
        try
        {
            var opened = FileStatus.OfHandle(stream.SafeFileHandle);
            if (opened.Kind != FileKind.Regular || !opened.SameFileAs(expected))
            {
                throw new UnsafeFileException($"'{path}' changed while it was being opened (replaced by a link or another file); it was not used.");
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Device => "a device",
        FileKind.Socket => "a socket",
        _ => "a special file",
    };
}

namespace Maestro.Server.Hosting;

/// <summary>Files and folders only their owner may read: Maestro's home holds prompts, transcripts and agent settings.</summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="path"/> created 0600 (an existing file is made 0600 first).</summary>
    public static void WriteAllText(string path, string text)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, text);
            return;
        }

        Restrict(path);
        using var stream = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, UnixCreateMode = FileMode });
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>Creates <paramref name="path"/> empty and 0600 if missing, so whoever opens it next (SQLite, the log) inherits a private file.</summary>
    public static void Precreate(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            Restrict(path);
            return;
        }

        try
        {
            using var stream = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            Restrict(path); // created meanwhile by another Maestro process
        }
    }

    /// <summary>Makes an existing file 0600; a file someone else owns is left as it is.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        try
        {
            if ((File.GetUnixFileMode(path) & ~FileMode) != 0)
            {
                File.SetUnixFileMode(path, FileMode);
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
        }
    }
}

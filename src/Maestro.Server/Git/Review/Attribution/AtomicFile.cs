namespace Maestro.Server.Git.Review.Attribution;

/// <summary>Replaces a file's content atomically (a temporary file moved over it), keeping its permissions.</summary>
internal static class AtomicFile
{
    public static void Write(string absolute, byte[] content)
    {
        var directory = Path.GetDirectoryName(absolute)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(absolute)}.maestro-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, content);
            if (!OperatingSystem.IsWindows() && File.Exists(absolute) && new FileInfo(absolute).LinkTarget is null)
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(absolute));
            }

            File.Move(temporary, absolute, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

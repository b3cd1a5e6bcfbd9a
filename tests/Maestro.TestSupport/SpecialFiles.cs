using System.Diagnostics;

namespace Maestro.TestSupport;

/// <summary>Files that are not plain files, for containment tests: FIFOs and sparse giants.</summary>
public static class SpecialFiles
{
    /// <summary>A named pipe (mkfifo(1)): opening it for reading blocks until a writer comes.</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        return mkfifo.ExitCode == 0 ? path : throw new InvalidOperationException($"mkfifo {path} failed.");
    }

    /// <summary>A file of <paramref name="bytes"/> bytes that takes no disk: <paramref name="head"/>, then zeros.</summary>
    public static string Sparse(string path, string head, long bytes)
    {
        using var stream = File.Create(path);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(head));
        stream.SetLength(bytes);
        return path;
    }
}

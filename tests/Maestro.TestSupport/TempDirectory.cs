namespace Maestro.TestSupport;

/// <summary>A fresh folder under /tmp/maestro-tests, removed on dispose. Short paths keep Unix sockets under their length limit.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string? prefix = null)
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "maestro-tests");
        Directory.CreateDirectory(root);
        Path = System.IO.Path.Combine(root, (prefix ?? "t") + "-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

namespace Maestro.TestSupport.Agents;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries holding Maestro.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Maestro.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Maestro.sln above {AppContext.BaseDirectory}.");
    }
}

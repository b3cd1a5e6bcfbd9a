using System.Diagnostics;

namespace Maestro.TestSupport.Agents;

/// <summary>
/// A throwaway world for one agent CLI: its own HOME and TMPDIR (so its config, sessions and caches land here)
/// and a git repository with one commit for it to edit.
/// </summary>
public sealed class AgentSandbox : IDisposable
{
    private readonly TempDirectory root;

    private AgentSandbox(TempDirectory root)
    {
        this.root = root;
        Home = root.Combine("home");
        Tmp = root.Combine("tmp");
        Repo = root.Combine("repo");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Tmp);
        Directory.CreateDirectory(Repo);
    }

    public string Root => root.Path;

    public string Home { get; }

    public string Tmp { get; }

    public string Repo { get; }

    public static async Task<AgentSandbox> CreateAsync(string agent)
    {
        var sandbox = new AgentSandbox(new TempDirectory(agent));
        await File.WriteAllTextAsync(Path.Combine(sandbox.Repo, "README.md"), "# Sandbox repo\n");
        await sandbox.GitAsync("init", "-q", "-b", "main");
        await sandbox.GitAsync("add", "README.md");
        await sandbox.GitAsync("commit", "-q", "-m", "Initial commit");
        return sandbox;
    }

    /// <summary>The environment every CLI gets: PATH for git and a shell, the sandbox HOME and TMPDIR, XDG dirs under HOME.</summary>
    public Dictionary<string, string> BaseEnvironment() => new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["HOME"] = Home,
        ["TMPDIR"] = Tmp,
        ["LANG"] = "C.UTF-8",
        ["TERM"] = "dumb",
        ["NO_COLOR"] = "1",
        ["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config"),
        ["XDG_DATA_HOME"] = Path.Combine(Home, ".local", "share"),
        ["XDG_CACHE_HOME"] = Path.Combine(Home, ".cache"),
        ["XDG_STATE_HOME"] = Path.Combine(Home, ".local", "state"),
        ["GIT_AUTHOR_NAME"] = "Maestro Test",
        ["GIT_AUTHOR_EMAIL"] = "test@maestro.invalid",
        ["GIT_COMMITTER_NAME"] = "Maestro Test",
        ["GIT_COMMITTER_EMAIL"] = "test@maestro.invalid",
    };

    public string RepoFile(string name) => Path.Combine(Repo, name);

    public void Dispose() => root.Dispose();

    private async Task GitAsync(params string[] arguments)
    {
        var result = await CliProcess.RunAsync("/usr/bin/git", arguments, Repo, BaseEnvironment(), TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.Describe()}");
        }
    }
}

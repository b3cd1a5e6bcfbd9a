using System.Diagnostics;
using System.Text;

namespace Maestro.TestSupport.Git;

/// <summary>
/// A real git repository in a temp folder, built with the git CLI: its own identity (CI machines have none),
/// no autocrlf, branch main. The repository is <c>&lt;temp&gt;/repo</c>, so worktrees beside it stay in the temp folder.
/// </summary>
public sealed class TestRepository : IDisposable
{
    private readonly TempDirectory temp;

    private TestRepository(TempDirectory temp, string root)
    {
        this.temp = temp;
        Root = root;
    }

    public string Root { get; }

    /// <summary>The temp folder holding the repository, for worktrees and outside paths.</summary>
    public string Parent => temp.Path;

    /// <summary>A repository with one commit holding <paramref name="files"/> (relative path to content); empty when none.</summary>
    public static TestRepository Create(IReadOnlyDictionary<string, string>? files = null)
    {
        var temp = new TempDirectory("repo");
        var root = Path.Combine(temp.Path, "repo");
        Directory.CreateDirectory(root);
        var repository = new TestRepository(temp, root);
        repository.Git("init", "--quiet", "--initial-branch=main");
        repository.Git("config", "user.name", "Maestro Tests");
        repository.Git("config", "user.email", "tests@maestro.local");
        repository.Git("config", "core.autocrlf", "false");
        repository.Git("config", "commit.gpgsign", "false");
        if (files is not null)
        {
            foreach (var (path, content) in files)
            {
                repository.Write(path, content);
            }

            repository.CommitAll("initial");
        }

        return repository;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string content) => WriteBytes(relative, Encoding.UTF8.GetBytes(content));

    public void WriteBytes(string relative, byte[] content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    public string Read(string relative) => Encoding.UTF8.GetString(File.ReadAllBytes(PathOf(relative)));

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void CommitAll(string message)
    {
        Git("add", "-A");
        Git("commit", "--quiet", "--allow-empty", "-m", message);
    }

    /// <summary>The staged content of a file (<c>git show :path</c>).</summary>
    public string Staged(string relative) => Git("show", ":" + relative);

    /// <summary>Runs git in the repository (or <paramref name="workingDirectory"/>); fails the test on a non-zero exit.</summary>
    public string Git(params string[] arguments) => GitIn(Root, arguments);

    public static string GitIn(string workingDirectory, params string[] arguments)
    {
        var (exit, stdout, stderr) = RunGit(workingDirectory, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({exit}): {stderr}");
        }

        return stdout;
    }

    public static (int ExitCode, string Stdout, string Stderr) RunGit(string workingDirectory, params string[] arguments)
        => RunGit(workingDirectory, null, arguments);

    /// <summary>Runs git with extra environment variables (e.g. <c>GIT_INDEX_FILE</c>); fails the test on a non-zero exit.</summary>
    public static string GitWithEnvironment(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var (exit, stdout, stderr) = RunGit(workingDirectory, environment, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({exit}): {stderr}");
        }

        return stdout;
    }

    private static (int ExitCode, string Stdout, string Stderr) RunGit(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GIT_AUTHOR_NAME"] = "Maestro Tests";
        info.Environment["GIT_AUTHOR_EMAIL"] = "tests@maestro.local";
        info.Environment["GIT_COMMITTER_NAME"] = "Maestro Tests";
        info.Environment["GIT_COMMITTER_EMAIL"] = "tests@maestro.local";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => temp.Dispose();
}

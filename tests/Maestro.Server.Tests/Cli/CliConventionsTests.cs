using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maestro.Server.Cli;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// The conventions of docs/cli.md held against the real binary, without a daemon: exit codes as the table says,
/// one JSON error object for every failure, values and keys checked in the user's words, paths from the current
/// folder, and what an 80-column terminal shows (through a real pseudo-terminal) next to what a pipe gets.
/// </summary>
public sealed partial class CliConventionsTests : IDisposable
{
    private readonly TempDirectory home = new("cli-conventions");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = "a\n", ["sub/b.txt"] = "b\n" });

    public void Dispose()
    {
        repo.Dispose();
        home.Dispose();
    }

    [Fact]
    public void The_exit_code_table_of_docs_cli_md_is_the_code_s()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "cli.md"));
        var section = docs[docs.IndexOf("## Exit codes", StringComparison.Ordinal)..];
        var documented = ExitCodeRow().Matches(section).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var used = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).ToList();

        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(used.Count, used.Distinct().Count());
        Assert.Equal(used.Order(), documented.Order());
    }

    [Fact]
    public async Task Every_command_of_the_usage_is_in_docs_cli_md()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "cli.md"));
        var (exit, usage, _) = await MaestroProcess.RunAsync(home.Path, "--help");
        Assert.Equal(0, exit);
        var commands = usage[usage.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Select(l => l.Trim().Split(' ')[0]).Where(c => c.Length > 0).ToList();
        Assert.Contains("sessions", commands);
        Assert.All(commands, c => Assert.Contains($"`maestro {c}", docs, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--loops takes a whole number, not 'abc'.", null, "run", "x.md", "--loops", "abc")]
    [InlineData("--max-cost takes a number, not 'lots'.", null, "run", "x.md", "--max-cost", "lots")]
    [InlineData("--by takes one of agent, day, model, project, not 'dya'.", "day", "stats", "--by", "dya")]
    [InlineData("unknown command 'sesions' for 'maestro'.", "sessions", "help", "sesions")]
    public async Task A_wrong_value_says_what_the_option_takes_in_words_with_close_matches(string message, string? suggestion, params string[] args)
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, [.. args, "--json"]);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
        var error = ErrorOf(stdout, exit);
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        if (suggestion is not null)
        {
            Assert.Equal(suggestion, error.GetProperty("suggestions")[0].GetString());
            Assert.Contains($"Did you mean '{suggestion}'?", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Failures_of_commands_without_a_daemon_are_one_json_object_with_the_documented_exit_code()
    {
        var notARepo = home.Combine("plain");
        Directory.CreateDirectory(notARepo);
        var cases = new (int Exit, string[] Args)[]
        {
            (ExitCodes.DaemonNotRunning, ["daemon", "stop", "--json"]),
            (ExitCodes.Error, ["daemon", "logs", "--json"]),
            (ExitCodes.NotARepository, ["worktree", "list", "--repo", notARepo, "--json"]),
            (ExitCodes.NotARepository, ["review", "--cwd", notARepo, "--json"]),
            (ExitCodes.NothingMatched, ["review", "accept", repo.PathOf("a.txt"), "--cwd", repo.Root, "--json"]),
            (ExitCodes.Error, ["worktree", "create", repo.Git("branch", "--show-current").Trim(), "--repo", repo.Root, "--json"]),
            (ExitCodes.PlaybookInvalid, ["run", home.Combine("missing.md"), "--dry-run", "--json"]),
        };
        foreach (var (expected, args) in cases)
        {
            var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, args);
            Assert.True(exit == expected, $"{string.Join(' ', args)}: exit {exit}, expected {expected}\n{stdout}\n{stderr}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            var message = ErrorOf(stdout, exit).GetProperty("message").GetString()!;
            Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
            Assert.Contains(message.Split('\n')[0], stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Paths_resolve_from_the_current_folder_and_options_are_never_paths()
    {
        var sub = repo.PathOf("sub");
        var (exit, stdout, stderr) = await MaestroProcess.RunInAsync(sub, home.Path, "review", "../a.txt");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Nothing to review", stdout, StringComparison.Ordinal);

        // '../a.txt' is the file above, in the tree: nothing of an agent's is pending there, which is the error.
        (exit, _, stderr) = await MaestroProcess.RunInAsync(sub, home.Path, "review", "accept", "../a.txt");
        Assert.Equal(ExitCodes.NothingMatched, exit);
        Assert.Contains("No pending agent change matches '../a.txt'", stderr, StringComparison.Ordinal);

        (exit, stdout, _) = await MaestroProcess.RunInAsync(sub, home.Path, "worktree", "list", "--repo", "..", "--json");
        Assert.Equal(0, exit);
        Assert.Contains(JsonSerializer.Serialize(repo.Root), stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await MaestroProcess.RunInAsync(sub, home.Path, "review", "--jsn");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("Did you mean '--json'?", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_worktree_and_a_mistyped_playbook_key_are_explained_without_internal_names()
    {
        var (exit, worktree, stderr) = await MaestroProcess.RunAsync(home.Path, "worktree", "create", "locked-one", "--repo", repo.Root);
        Assert.True(exit == 0, stderr);
        repo.Git("worktree", "lock", worktree.Trim());
        (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "worktree", "remove", worktree.Trim());
        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains($"is locked; unlock it with 'git worktree unlock {worktree.Trim()}', or pass --force.", stderr, StringComparison.Ordinal);

        var playbook = home.Combine("pb");
        Directory.CreateDirectory(playbook);
        File.WriteAllText(Path.Combine(playbook, "01.md"), "- [ ] Do it\n");
        File.WriteAllText(Path.Combine(playbook, "playbook.yaml"), "loopz: 3\n");
        (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "run", playbook, "--dry-run");
        Assert.Equal(ExitCodes.PlaybookInvalid, exit);
        Assert.Contains("unknown or misplaced key 'loopz' (did you mean 'loops'?)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PlaybookConfigYaml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_80_columns_a_table_fits_the_terminal_and_piped_it_is_whole()
    {
        // A worktree whose path is wider than the terminal.
        var far = home.Combine("a-folder-with-a-long-name-so-that-the-worktree-path-is-wider-than-eighty-columns", "wt");
        var (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "worktree", "create", "wide", "--repo", repo.Root, "--path", far);
        Assert.True(exit == 0, stderr);

        var (ttyExit, screen) = await PseudoTerminal.RunAsync(repo.Root, home.Path, 80, "worktree", "list");
        Assert.True(ttyExit == 0, screen);
        // .NET's console puts a terminal into keypad mode as it starts (ESC [?1h ESC =) and back at exit: not output.
        screen = KeypadMode().Replace(screen, string.Empty);
        var lines = screen.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("PATH ", lines[0], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.StartsWith('…') && l.Contains("wide", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', screen);

        var (pipedExit, piped, _) = await MaestroProcess.RunInAsync(repo.Root, home.Path, "worktree", "list");
        Assert.Equal(0, pipedExit);
        Assert.Contains(far, piped, StringComparison.Ordinal);
    }

    private static JsonElement ErrorOf(string stdout, int exit)
    {
        using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var error = doc.RootElement.GetProperty("error").Clone();
        Assert.Equal(exit, error.GetProperty("exitCode").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }

    [GeneratedRegex(@"\u001b\[\?1[hl]\u001b[=>]")]
    private static partial Regex KeypadMode();

    [GeneratedRegex(@"^\| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex ExitCodeRow();
}

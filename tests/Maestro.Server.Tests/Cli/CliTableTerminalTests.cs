using System.Text.Json;
using System.Text.RegularExpressions;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// The tables of docs/cli.md ("Lists … are tables as kubectl get prints them") on a real 80-column pseudo-terminal
/// and in a pipe, against one real daemon whose claude-code is the STAND-IN (it records its arguments): every row
/// fits the terminal with the columns aligned under their headers and no escape sequence; piped, rows are whole.
/// The rows are made wider than 80 columns on purpose (long names, folders, options), so a table that wraps or cuts
/// badly fails. The sessions are started with <c>sessions new --worktree --model</c>, which is checked on the way.
/// </summary>
public sealed partial class CliTableTerminalTests : IAsyncLifetime, IDisposable
{
    private const string LongName = "a-session-whose-name-is-long-enough-to-need-cutting-at-eighty-columns";

    private readonly TempDirectory root = new("cli-tables");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["README.md"] = "# repo\n" });

    private string Home => root.Combine("home");

    private string Agent => root.Combine("agent");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Agent);
        ClaudeStandIn.Create(Agent);
        var wrapper = Path.Combine(Agent, "claude-recording.sh");
        await File.WriteAllTextAsync(wrapper, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> \"$(dirname \"$0\")/args.txt\"\nexec \"$(dirname \"$0\")/claude-standin.sh\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = root.Path };
        await MaestroAgentSettings.WriteAsync(Home, "claude-code", wrapper, env);
    }

    public async Task DisposeAsync() => await MaestroProcess.RunAsync(Home, "daemon", "stop");

    public void Dispose()
    {
        repo.Dispose();
        root.Dispose();
    }

    [Fact]
    public async Task Lists_fit_80_columns_aligned_and_without_escapes_on_a_terminal_and_are_whole_in_a_pipe()
    {
        var folder = repo.PathOf("a-subfolder-whose-name-makes-the-folder-column-of-the-sessions-table-wide");
        Directory.CreateDirectory(folder);

        // sessions new --worktree --model: the session is on a new worktree of that branch, and the agent got the model.
        var (exit, stdout, stderr) = await MaestroProcess.RunInAsync(repo.Root, Home, "sessions", "new", "--agent", "claude-code", "--worktree", "feature/wide", "--model", "stand-in-model-1", "--name", "on-a-worktree", "--permission-mode", "bypass", "--prompt", "hello", "--json");
        Assert.True(exit == 0, $"{stdout}\n{stderr}");
        using (var created = JsonDocument.Parse(stdout.Split('\n')[0]))
        {
            var session = created.RootElement;
            Assert.Equal("stand-in-model-1", session.GetProperty("model").GetString());
            var worktree = session.GetProperty("worktree").GetString()!;
            Assert.NotEqual(repo.Root, worktree);
            Assert.Equal("feature/wide", TestRepository.GitIn(worktree, "branch", "--show-current").Trim());
            Assert.Contains(worktree, repo.Git("worktree", "list", "--porcelain"), StringComparison.Ordinal);
        }

        var agentArgs = (await File.ReadAllTextAsync(Path.Combine(Agent, "args.txt"))).Split('\n');
        Assert.Contains("stand-in-model-1", agentArgs.SkipWhile(a => a != "--model").Skip(1).Take(1));

        (exit, _, stderr) = await MaestroProcess.RunInAsync(folder, Home, "sessions", "new", "--agent", "claude-code", "--name", LongName, "--permission-mode", "bypass", "--prompt", "hello");
        Assert.True(exit == 0, stderr);

        (exit, _, stderr) = await MaestroProcess.RunAsync(Home, "chat", "create", "a-room-whose-name-is-long-enough-to-need-cutting-at-eighty-columns-wide", "-p", "alpha=claude-code", "-p", "beta=claude-code", "--cwd", repo.Root);
        Assert.True(exit == 0, stderr);

        (exit, _, stderr) = await MaestroProcess.RunAsync(Home, "hosts", "add", "gpu-box", "someone@build-machine.example.invalid", "-o", "ConnectTimeout=5", "-o", "ServerAliveInterval=30", "-o", "ServerAliveCountMax=4", "--folder", "/srv/projects/a-long-folder-on-the-host");
        Assert.True(exit == 0, stderr);

        var playbook = repo.PathOf("playbooks/a-playbook-whose-name-is-long-enough-to-widen-the-table/01-first.md");
        Directory.CreateDirectory(Path.GetDirectoryName(playbook)!);
        await File.WriteAllTextAsync(playbook, "- [ ] The one task\n");
        (exit, _, stderr) = await MaestroProcess.RunInAsync(repo.Root, Home, "run", Path.GetDirectoryName(playbook)!, "--agent", "claude-code", "--permission-mode", "bypass");
        Assert.True(exit == 0, stderr);

        await AssertTableAsync(["sessions", "list"], ["ID", "STATUS", "AGENT", "NAME", "COST", "FOLDER"], LongName, wide: true);
        await AssertTableAsync(["chat", "list"], ["ID", "STATE", "NAME", "PARTICIPANTS"], "@alpha @beta", wide: true);
        await AssertTableAsync(["hosts", "list"], ["NAME", "DESTINATION", "STATE", "FOLDER", "OPTIONS"], "-o ServerAliveCountMax=4", wide: true);
        await AssertTableAsync(["playbooks", "list"], ["NAME", "DONE", "DOCS", "PATH"], Path.GetDirectoryName(playbook)!, wide: true);
        await AssertTableAsync(["runs", "list"], ["ID", "STATE", "DONE", "AGENT", "STARTED", "PLAYBOOK"], Path.GetDirectoryName(playbook)!, wide: true);
        await AssertTableAsync(["stats", "--by", "project"], ["PROJECT", "TURNS", "INPUT", "OUTPUT", "COST USD", "TIME", "TASKS"], "total", wide: false);
    }

    /// <summary>Runs a list command on an 80-column terminal and in a pipe; <paramref name="whole"/> is a value the
    /// pipe prints uncut; <paramref name="wide"/>: the piped table is wider than the terminal, so the terminal's is cut.</summary>
    private async Task AssertTableAsync(string[] command, string[] headers, string whole, bool wide)
    {
        var name = string.Join(' ', command);
        var (exit, piped, stderr) = await MaestroProcess.RunInAsync(repo.Root, Home, command);
        Assert.True(exit == 0, $"{name}: {stderr}");
        Assert.DoesNotContain('\u001b', piped);
        var pipedLines = piped.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        AssertAligned(name + " (piped)", pipedLines, headers);
        Assert.Contains(whole, piped, StringComparison.Ordinal);
        Assert.DoesNotContain('…', piped);
        if (wide)
        {
            Assert.True(pipedLines.Max(l => l.Length) > 80, $"{name}: the rows are not wider than the terminal, so nothing is tested:\n{piped}");
        }

        var (ttyExit, screen) = await PseudoTerminal.RunAsync(repo.Root, Home, 80, command);
        Assert.True(ttyExit == 0, $"{name}: {screen}");

        // .NET's console puts a terminal into keypad mode as it starts (ESC [?1h ESC =) and back at exit: not output.
        screen = KeypadMode().Replace(screen, string.Empty);
        Assert.DoesNotContain('\u001b', screen);
        // The table is what comes first; after it stderr may add sentences, which wrap like any text (hosts list: why
        // a host is not connected; this one's name does not resolve).
        var lines = screen.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(pipedLines.Length).ToArray();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{name}: {l.Length} columns: {l}"));
        AssertAligned(name + " (terminal)", lines, headers);
        if (wide)
        {
            Assert.Contains(lines, l => l.Contains('…', StringComparison.Ordinal));
        }
    }

    /// <summary>Columns are aligned when every line is blank in the same two-space gutters, and those gutters cut
    /// the header line into exactly the headers.</summary>
    private static void AssertAligned(string name, string[] lines, string[] headers)
    {
        Assert.True(lines.Length >= 2, $"{name}: no rows:\n{string.Join('\n', lines)}");
        var width = lines.Max(l => l.Length);
        var padded = lines.Select(l => l.PadRight(width)).ToArray();
        var blank = Enumerable.Range(0, width).Select(i => padded.All(l => l[i] == ' ')).ToArray();
        var cells = new List<string>();
        var start = 0;
        for (var i = 0; i < width; i++)
        {
            if (blank[i] && i + 1 < width && blank[i + 1])
            {
                cells.Add(padded[0][start..i]);
                while (i < width && blank[i])
                {
                    i++;
                }

                start = i;
            }
        }

        cells.Add(padded[0][Math.Min(start, width)..]);
        Assert.True(
            headers.SequenceEqual(cells.Select(c => c.Trim()).Where(c => c.Length > 0)),
            $"{name}: the columns do not line up under {string.Join(", ", headers)}:\n{string.Join('\n', lines)}");
    }

    [GeneratedRegex(@"\u001b\[\?1[hl]\u001b[=>]")]
    private static partial Regex KeypadMode();
}

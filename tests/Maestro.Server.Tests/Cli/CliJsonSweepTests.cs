using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maestro.Server.Cli;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// docs/cli.md: "Every command takes --json (results as JSON, failures as the error object)". The command tree is
/// walked (<see cref="CliApp.CreateRoot"/>), so a new command is held to it as soon as it exists: each one that runs
/// something is run with --json and a bad argument against one real daemon in a temp MAESTRO_HOME, and must print
/// exactly one error object on stdout, no stack trace on stderr, and exit with the documented code. Every command
/// also gets a mistyped option (a usage error naming --json as the close match) and, when it has a required
/// argument or option, none of them.
/// </summary>
public sealed partial class CliJsonSweepTests : IAsyncLifetime, IDisposable
{
    /// <summary>The documented exceptions (docs/cli.md, above "Terminals, pipes and colour"), with why.</summary>
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal)
    {
        ["maestro serve"] = "its stdout is the LSP-framed JSON-RPC stream an editor reads",
        ["maestro acp"] = "its stdout is the Agent Client Protocol stream an ACP editor reads",
        ["maestro daemon"] = "in the foreground it is the daemon itself, logging to stderr (its subcommands take --json)",
        ["maestro completion"] = "its stdout is a shell script for eval",
    };

    private static readonly HashSet<string> ErrorFields = ["message", "exitCode", "code", "kind", "suggestions"];

    private readonly TempDirectory root = new("cli-sweep");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = "a\n" });

    private string Home => root.Combine("home");

    private string Plain => root.Combine("plain");

    private string Missing => root.Combine("missing");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Plain);
        var (exit, _, stderr) = await MaestroProcess.RunAsync(Home, "daemon", "start");
        Assert.True(exit == 0, stderr);
    }

    public async Task DisposeAsync() => await MaestroProcess.RunAsync(Home, "daemon", "stop");

    public void Dispose()
    {
        repo.Dispose();
        root.Dispose();
    }

    /// <summary>A bad argument per command, and the exit code docs/cli.md gives for it; kind: the protocol's, when
    /// the daemon or a service refused it. Commands that take nothing to get wrong get a stray argument (exit 2).</summary>
    private Dictionary<string, (string[] Args, int Exit, string? Kind)> BadArguments() => new(StringComparer.Ordinal)
    {
        ["maestro daemon start"] = (["stray"], ExitCodes.Usage, null),
        ["maestro daemon stop"] = (["stray"], ExitCodes.Usage, null),
        ["maestro daemon restart"] = (["stray"], ExitCodes.Usage, null),
        ["maestro daemon status"] = (["stray"], ExitCodes.Usage, null),
        ["maestro daemon logs"] = (["-n", "many"], ExitCodes.Usage, null),
        ["maestro doctor"] = (["stray"], ExitCodes.Usage, null),
        ["maestro agents"] = (["stray"], ExitCodes.Usage, null),
        ["maestro sessions new"] = (["--agent", "claud"], ExitCodes.Error, "AgentUnavailable"),
        ["maestro sessions list"] = (["stray"], ExitCodes.Usage, null),
        ["maestro sessions show"] = (["s_nope"], ExitCodes.Error, "SessionNotFound"),
        ["maestro sessions prompt"] = (["s_nope", "hello"], ExitCodes.Error, "SessionNotFound"),
        ["maestro sessions cancel"] = (["s_nope"], ExitCodes.Error, "SessionNotFound"),
        ["maestro sessions close"] = (["s_nope"], ExitCodes.Error, "SessionNotFound"),
        ["maestro sessions rename"] = (["s_nope", "new-name"], ExitCodes.Error, "SessionNotFound"),
        ["maestro sessions archive"] = (["s_nope"], ExitCodes.Error, "SessionNotFound"),
        ["maestro sessions rm"] = (["s_nope"], ExitCodes.Error, "SessionNotFound"),
        ["maestro chat list"] = (["stray"], ExitCodes.Usage, null),
        ["maestro chat create"] = (["team", "-p", "a=no-such-agent", "--cwd", Plain], ExitCodes.Error, "AgentUnavailable"),
        ["maestro chat post"] = (["c_nope", "hello"], ExitCodes.Error, "RoomNotFound"),
        ["maestro chat show"] = (["c_nope"], ExitCodes.Error, "RoomNotFound"),
        ["maestro worktree list"] = (["--repo", Plain], ExitCodes.NotARepository, null),
        ["maestro worktree create"] = (["a-branch", "--repo", Plain], ExitCodes.NotARepository, null),
        ["maestro worktree remove"] = ([Missing], ExitCodes.NotARepository, null),
        ["maestro worktree merge"] = ([Missing], ExitCodes.NotARepository, null),
        ["maestro worktree prune"] = (["--repo", Plain], ExitCodes.NotARepository, null),
        ["maestro review"] = (["--cwd", Plain], ExitCodes.NotARepository, null),
        ["maestro review accept"] = (["no-such-file.txt"], ExitCodes.NothingMatched, null),
        ["maestro review reject"] = (["no-such-file.txt", "--confirm"], ExitCodes.NothingMatched, null),
        ["maestro review undo"] = (["d_nope"], ExitCodes.Error, "InvalidParams"),
        ["maestro run"] = ([Path.Combine(Missing, "playbook.md")], ExitCodes.PlaybookInvalid, "PlaybookInvalid"),
        ["maestro runs list"] = (["--status", "runing"], ExitCodes.Usage, null),
        ["maestro runs show"] = (["r_nope"], ExitCodes.Error, "InvalidParams"),
        ["maestro runs stop"] = (["r_nope"], ExitCodes.Error, "InvalidParams"),
        ["maestro runs approve"] = (["r_nope"], ExitCodes.Error, "InvalidParams"),
        ["maestro playbooks list"] = (["--cwd", Missing], ExitCodes.Error, "InvalidParams"),
        ["maestro playbooks import"] = ([Path.Combine(Missing, "saved.json")], ExitCodes.Error, "PlaybookInvalid"),
        ["maestro stats"] = (["--since", "last tuesday"], ExitCodes.Error, "InvalidParams"),
        ["maestro stats leaderboard"] = (["stray"], ExitCodes.Usage, null),
        ["maestro stats outages"] = (["--until", "soon"], ExitCodes.Error, "InvalidParams"),
        ["maestro remote start"] = (["--port", "99999"], ExitCodes.Error, "InvalidParams"),
        ["maestro remote status"] = (["stray"], ExitCodes.Usage, null),
        ["maestro remote stop"] = (["stray"], ExitCodes.Usage, null),
        ["maestro hosts add"] = (["not a name!", "user@example.invalid"], ExitCodes.Error, "InvalidParams"),
        ["maestro hosts list"] = (["stray"], ExitCodes.Usage, null),
        ["maestro hosts remove"] = (["no-such-host"], ExitCodes.Error, "HostNotFound"),
        ["maestro hosts test"] = (["no-such-host"], ExitCodes.Error, "HostNotFound"),
        ["maestro hosts install"] = (["no-such-host"], ExitCodes.Error, "HostNotFound"),
    };

    [Fact]
    public async Task Every_command_with_json_prints_one_documented_error_object_for_a_bad_argument_a_typo_and_a_missing_argument()
    {
        var commands = Runnable(CliApp.CreateRoot(), "maestro").ToList();
        Assert.Contains(commands, c => c.Path == "maestro sessions show");
        Assert.All(Excluded.Keys, name => Assert.Contains(commands, c => c.Path == name));

        var bad = BadArguments();
        var tested = commands.Where(c => !Excluded.ContainsKey(c.Path)).ToList();
        var missingCases = tested.Where(c => !bad.ContainsKey(c.Path)).Select(c => c.Path).ToList();
        Assert.True(missingCases.Count == 0, $"add a bad-argument case to {nameof(BadArguments)} for: {string.Join(", ", missingCases)}");
        Assert.Empty(bad.Keys.Except(tested.Select(c => c.Path)));
        var withoutJson = tested.Where(c => !c.Command.Options.Any(o => o.Name == "--json")).Select(c => c.Path).ToList();
        Assert.True(withoutJson.Count == 0, $"no --json: {string.Join(", ", withoutJson)}");

        var cases = new List<(string Name, string[] Args, int Exit, string? Kind, string? Suggestion, string? Message)>();
        foreach (var (path, command) in tested)
        {
            var words = path.Split(' ')[1..];
            var (args, exit, kind) = bad[path];
            cases.Add(($"{path}: a bad argument", [.. words, .. args, "--json"], exit, kind, null, null));
            cases.Add(($"{path}: a mistyped option", [.. words, "--jsno", "--json"], ExitCodes.Usage, null, "--json", $"unknown option '--jsno' for '{path}'."));
            if (command.Arguments.Any(a => a.Arity.MinimumNumberOfValues > 0) || command.Options.Any(o => o.Required))
            {
                cases.Add(($"{path}: nothing required given", [.. words, "--json"], ExitCodes.Usage, null, null, "missing "));
            }
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (c, _) =>
        {
            // From the repository: review's paths resolve from the current folder, and nothing of an agent's is pending there.
            var (exit, stdout, stderr) = await MaestroProcess.RunInAsync(repo.Root, Home, c.Args);
            var problem = Check(c.Exit, c.Kind, c.Suggestion, c.Message, exit, stdout, stderr);
            if (problem is not null)
            {
                failures.Add($"{c.Name} (maestro {string.Join(' ', c.Args)}): {problem}\n  exit {exit}\n  stdout: {stdout}\n  stderr: {stderr}");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures));

        // The daemon the bad requests went to is the one started for the test: nothing stopped or replaced it.
        var (statusExit, _, _) = await MaestroProcess.RunAsync(Home, "daemon", "status");
        Assert.Equal(0, statusExit);
    }

    /// <summary>What is wrong with one run, or null.</summary>
    private static string? Check(int expectedExit, string? expectedKind, string? expectedSuggestion, string? expectedStart, int exit, string stdout, string stderr)
    {
        if (exit != expectedExit)
        {
            return $"exit {exit}, documented {expectedExit}";
        }

        if (stderr.Contains("   at ", StringComparison.Ordinal) || DotNetName().IsMatch(stderr))
        {
            return "a stack trace or a .NET name on stderr";
        }

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 1)
        {
            return $"{lines.Length} lines on stdout, not one JSON object";
        }

        JsonElement line;
        try
        {
            using var doc = JsonDocument.Parse(lines[0]);
            line = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return "stdout is not JSON: " + ex.Message;
        }

        // maestro run's stream ends with its {"event": "error", …} line, which carries the object as "error" (docs/cli.md).
        var names = line.ValueKind == JsonValueKind.Object ? line.EnumerateObject().Select(p => p.Name).ToList() : [];
        if (!names.Contains("error") || (names.Count != 1 && !(line.TryGetProperty("event", out var e) && e.GetString() == "error")))
        {
            return "not {\"error\": {…}}";
        }

        var error = line.GetProperty("error");
        var unknown = error.EnumerateObject().Select(p => p.Name).Where(n => !ErrorFields.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            return "fields docs/cli.md does not name: " + string.Join(", ", unknown);
        }

        if (!error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(message.GetString()))
        {
            return "no message";
        }

        if (!error.TryGetProperty("exitCode", out var exitCode) || exitCode.GetInt32() != exit)
        {
            return "exitCode is not the process's exit code";
        }

        var text = message.GetString()!;
        if (expectedStart is not null && !text.StartsWith(expectedStart, StringComparison.Ordinal))
        {
            return $"the message does not start with '{expectedStart}'";
        }

        if (!stderr.Contains(text.Split('\n')[0], StringComparison.Ordinal))
        {
            return "stderr does not say the message";
        }

        if (WireMethod().Match(text) is { Success: true } wire)
        {
            return $"the message names the wire method {wire.Value}";
        }

        var kind = error.TryGetProperty("kind", out var k) ? k.GetString() : null;
        var code = error.TryGetProperty("code", out var c) ? c.GetInt32() : (int?)null;
        if (kind != expectedKind)
        {
            return $"kind {kind ?? "(none)"}, expected {expectedKind ?? "(none)"}";
        }

        if (code is not null && code >= 0)
        {
            return "code is not a JSON-RPC error code";
        }

        if (expectedSuggestion is not null && !(error.TryGetProperty("suggestions", out var s) && s.EnumerateArray().Any(x => x.GetString() == expectedSuggestion)))
        {
            return $"no suggestion '{expectedSuggestion}'";
        }

        return null;
    }

    /// <summary>Every command that runs something (has an action), with its path as the usage spells it.</summary>
    private static IEnumerable<(string Path, Command Command)> Runnable(Command command, string path)
    {
        if (command.Action is not null && command is not RootCommand)
        {
            yield return (path, command);
        }

        foreach (var sub in command.Subcommands.Where(s => !s.Hidden))
        {
            foreach (var found in Runnable(sub, path + " " + sub.Name))
            {
                yield return found;
            }
        }
    }

    [GeneratedRegex(@"System\.[A-Z]|Exception\b")]
    private static partial Regex DotNetName();

    [GeneratedRegex(@"\b(sessions|runs|chat|hosts|review|worktree|stats|playbooks|agents|remote|daemon)/[a-zA-Z]+\b")]
    private static partial Regex WireMethod();
}

using System.Reflection;
using System.Text.RegularExpressions;
using Maestro.Protocol;
using Maestro.Server.Cli;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// docs/cli.md: the CLI names its own commands and flags in the daemon's messages, never a wire method. Every string
/// in the server's source that names a protocol method is put through <see cref="WireTerms.ForTerminal"/>, so a new
/// message that names one fails here until the CLI has its words for it.
/// </summary>
public sealed partial class WireTermsTests
{
    /// <summary>Folders whose messages never reach the CLI, with why.</summary>
    private static readonly Dictionary<string, string> NotForTheCli = new(StringComparer.Ordinal)
    {
        ["Remote"] = "the remote page's WebSocket handshake (remote/authenticate), which only a browser page speaks",
        ["Cli"] = "the CLI's own words, WireTerms's table among them",
        ["Storage"] = "migration descriptions, the schema's history in the daemon's log",
    };

    [Theory]
    [InlineData("No session 's_1'. 'sessions/list' shows the sessions there are.", "No session 's_1'. 'maestro sessions list' shows the sessions there are.")]
    [InlineData("There is no run 'r_1'. 'runs/list' shows the runs.", "There is no run 'r_1'. 'maestro runs list' shows the runs.")]
    [InlineData("Nothing was changed; ask 'review/changes' again.", "Nothing was changed; ask 'maestro review' again.")]
    [InlineData("The worktree has uncommitted changes; pass force to remove it anyway.", "The worktree has uncommitted changes; pass --force to remove it anyway.")]
    [InlineData("Close it first, or pass removeWorktree.", "Close it first, or pass --remove-worktree.")]
    [InlineData("'port' must be between 1 and 65535 (or left out for a free one); it was 99999.", "--port must be between 1 and 65535 (or left out for a free one); it was 99999.")]
    [InlineData("Tick 'Approve' (line 3 of a.md) to approve, or use runs/approve.", "Tick 'Approve' (line 3 of a.md) to approve, or use 'maestro runs approve'.")]
    [InlineData("It is running a turn; cancel it (sessions/cancel), then change its model.", "It is running a turn; cancel it ('maestro sessions cancel'), then change its model.")]
    [InlineData("Install it with 'maestro hosts install box' (hosts/install).", "Install it with 'maestro hosts install box'.")]
    [InlineData("No playbook in /tmp/x/stats/get or https://a.example/runs/list.", "No playbook in /tmp/x/stats/get or https://a.example/runs/list.")]
    [InlineData("A message without wire words, 'a/b' or 'x' in it.", "A message without wire words, 'a/b' or 'x' in it.")]
    public void Wire_methods_and_request_fields_become_commands_and_flags(string daemon, string terminal)
        => Assert.Equal(terminal, WireTerms.ForTerminal(daemon));

    [Fact]
    public void No_message_of_the_server_names_a_wire_method_at_a_terminal()
    {
        var methods = typeof(Methods).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(m => m.Contains('/', StringComparison.Ordinal) && !m.StartsWith('$'))
            .ToList();
        Assert.Contains("sessions/list", methods);

        var source = Path.Combine(RepoRoot.Path, "src", "Maestro.Server");
        var messages = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !NotForTheCli.ContainsKey(Path.GetRelativePath(source, f).Split(Path.DirectorySeparatorChar)[0]))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (Where: $"{Path.GetRelativePath(source, f)}:{i + 1}", Line: line)))
            .Where(l => !LogCall().IsMatch(l.Line))
            .SelectMany(l => StringLiteral().Matches(l.Line).Select(m => (l.Where, Text: m.Groups[1].Value)))
            .Where(m => methods.Any(method => m.Text.Contains(method, StringComparison.Ordinal)))
            .ToList();

        // The scan finds the messages it is about (a scan that finds nothing proves nothing).
        Assert.Contains(messages, m => m.Text.Contains("'sessions/list'", StringComparison.Ordinal));
        var leaks = messages
            .Select(m => (m.Where, Shown: WireTerms.ForTerminal(m.Text)))
            .Where(m => methods.Any(method => m.Shown.Contains(method, StringComparison.Ordinal)))
            .Select(m => $"{m.Where}: {m.Shown}")
            .ToList();
        Assert.True(leaks.Count == 0, "messages that name a wire method at a terminal (add the command to WireTerms):\n" + string.Join('\n', leaks));
    }

    // The daemon's log is for whoever reads its files, in the protocol's terms.
    [GeneratedRegex(@"\bLog(Trace|Debug|Information|Warning|Error|Critical)\(")]
    private static partial Regex LogCall();

    // A C# string literal on one line ("…", $"…"), with its escaped quotes.
    [GeneratedRegex(@"\$?@?""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();
}

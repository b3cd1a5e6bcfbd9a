using System.Text.Json;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly TempDirectory home = new("cli");

    public void Dispose() => home.Dispose();

    /// <summary>docs/cli.md: the version of Directory.Build.props and, built from a git checkout, "+" and the full
    /// commit it was built from (a tarball build has no history to name, and prints the version alone).</summary>
    [Fact]
    public async Task Version_prints_the_version_and_the_commit_it_was_built_from()
    {
        var (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "--version");
        Assert.Equal(0, exit);
        var props = File.ReadAllText(Path.Combine(RepoRoot.Path, "Directory.Build.props"));
        var version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.NotEmpty(version);
        var printed = stdout.Trim();
        if (!Directory.Exists(Path.Combine(RepoRoot.Path, ".git")) && !File.Exists(Path.Combine(RepoRoot.Path, ".git")))
        {
            Assert.Equal(version, printed);
            return;
        }

        var match = System.Text.RegularExpressions.Regex.Match(printed, @"^(?<version>[^+\s]+)\+(?<commit>[0-9a-f]{40})$");
        Assert.True(match.Success, $"'{printed}' is not VERSION+COMMIT");
        Assert.Equal(version, match.Groups["version"].Value);

        // A commit of this repository (the build may be older than HEAD, never from elsewhere).
        Assert.Equal("commit", TestRepository.GitIn(RepoRoot.Path, "cat-file", "-t", match.Groups["commit"].Value).Trim());
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("serve", stdout, StringComparison.Ordinal);
        Assert.Contains("daemon", stdout, StringComparison.Ordinal);
        Assert.Contains("doctor", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "frobnicate");
        Assert.Equal(2, exit);
        Assert.Contains("frobnicate", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_stdio_is_a_usage_error()
    {
        var (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "serve");
        Assert.Equal(2, exit);
        Assert.Contains("--stdio", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_json_reports_tools_agents_home_and_daemon()
    {
        var (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "doctor", "--json");
        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal(home.Path, root.GetProperty("home").GetString());
        Assert.False(root.GetProperty("daemonRunning").GetBoolean());
        var git = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "git");
        Assert.True(git.GetProperty("found").GetBoolean());
        Assert.Matches(@"^\d+\.\d+", git.GetProperty("version").GetString());
        Assert.Contains(root.GetProperty("agents").EnumerateArray(), a => a.GetProperty("id").GetString() == "claude-code");
    }

    [Fact]
    public async Task Doctor_text_names_each_agent()
    {
        var (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "doctor");
        Assert.Equal(0, exit);
        foreach (var id in new[] { "claude-code", "codex", "opencode", "gemini" })
        {
            Assert.Contains(id, stdout, StringComparison.Ordinal);
        }
    }
}

using System.Text.Json;
using Maestro.Server.Cli;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Cli;

/// <summary>Usage mistakes as a terminal user meets them: help with no arguments, "did you mean", a group's own
/// usage, options never taken for paths, and the one JSON error shape. None of these needs a daemon.</summary>
public sealed class CliUsageTests : IDisposable
{
    private readonly TempDirectory home = new("cli-usage");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task No_arguments_and_the_help_command_print_usage()
    {
        var (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path);
        Assert.Equal(0, exit);
        Assert.Contains("sessions", stdout, StringComparison.Ordinal);
        Assert.Contains("completion", stdout, StringComparison.Ordinal);

        var (helpExit, help, _) = await MaestroProcess.RunAsync(home.Path, "help", "sessions");
        Assert.Equal(0, helpExit);
        Assert.Contains("rename", help, StringComparison.Ordinal);
        Assert.DoesNotContain("doctor", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_is_a_usage_error_with_a_suggestion()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "sesions", "list");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("unknown command 'sesions'", stderr, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'sessions'?", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_its_subcommand_prints_its_own_usage()
    {
        var (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'maestro sessions' needs a subcommand: new, list, show, prompt, cancel, close, rename, archive, rm.", stderr, StringComparison.Ordinal);
        Assert.Contains("Give a session a new name.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_never_taken_for_a_path()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "review", "--jsn");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("unknown option '--jsn' for 'maestro review'. Did you mean '--json'?", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_a_usage_error_is_the_documented_error_object_on_stdout()
    {
        var (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "agents", "--jsno", "--json");
        Assert.Equal(ExitCodes.Usage, exit);
        using var doc = JsonDocument.Parse(stdout);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(ExitCodes.Usage, error.GetProperty("exitCode").GetInt32());
        Assert.Contains("--jsno", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("--json", error.GetProperty("suggestions")[0].GetString());
    }

    [Fact]
    public async Task Completion_scripts_ask_maestro_for_suggestions_and_the_directive_answers()
    {
        foreach (var shell in new[] { "bash", "zsh", "fish" })
        {
            var (exit, script, _) = await MaestroProcess.RunAsync(home.Path, "completion", shell);
            Assert.Equal(0, exit);
            Assert.Contains("[suggest:", script, StringComparison.Ordinal);
        }

        var (suggestExit, suggestions, _) = await MaestroProcess.RunAsync(home.Path, "[suggest:10]", "maestro se");
        Assert.Equal(0, suggestExit);
        var lines = suggestions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("sessions", lines);
        Assert.Contains("serve", lines);
        Assert.DoesNotContain("doctor", lines);

        var (badExit, _, badError) = await MaestroProcess.RunAsync(home.Path, "completion", "powershell");
        Assert.Equal(ExitCodes.Usage, badExit);
        Assert.Contains("powershell", badError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sesions", "sessions", 1)]
    [InlineData("sessoins", "sessions", 1)]
    [InlineData("--jsn", "--json", 1)]
    [InlineData("docter", "doctor", 1)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string typed, string name, int expected)
        => Assert.Equal(expected, Suggestions.Distance(typed, name));

    [Fact]
    public void Only_close_names_are_suggested()
    {
        string[] names = ["sessions", "serve", "doctor", "review", "run"];
        Assert.Equal(["sessions"], Suggestions.Closest("sesions", names));
        Assert.Empty(Suggestions.Closest("x", names));
        Assert.Equal(["review"], Suggestions.Closest("reviwe", names));
    }
}

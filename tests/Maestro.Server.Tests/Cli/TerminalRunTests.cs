using System.Text.RegularExpressions;
using Maestro.Server.Tests.Playbooks;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// <c>maestro run</c> on a real 80-column pseudo-terminal (the Claude Code STAND-IN as the agent, in-process so no
/// daemon is needed): the live progress line is redrawn in place and never wider than the terminal, so it leaves no
/// stale copies; piped, the same run prints plain lines with no escape sequence.
/// </summary>
public sealed partial class TerminalRunTests : IAsyncLifetime
{
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task The_progress_line_fits_80_columns_on_a_terminal_and_is_absent_in_a_pipe()
    {
        var doc = fixture.Write("a-playbook-with-a-rather-long-file-name-for-the-progress-line.md", "- [ ] The first task, whose text is long enough to need cutting at eighty columns wide\n- [ ] Two\n");
        var (exit, screen) = await PseudoTerminal.RunAsync(fixture.Repo, fixture.Home, 80, "run", doc, "--agent", "claude-code", "--in-process");
        Assert.True(exit == 0, screen);

        // Each redraw starts with CR and erase-line: what it draws up to the next redraw is the live line, which
        // must stay narrower than the terminal (a wrapped live line leaves a stale copy at every redraw). Lines printed
        // for good (the run's header, each task done) may wrap like any terminal output.
        var redraws = LiveLine().Matches(KeypadMode().Replace(screen, string.Empty)).Select(m => m.Groups[1].Value).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(redraws);
        Assert.All(redraws, l => Assert.True(l.Length < 80, $"{l.Length} columns: {l}"));
        Assert.Contains(redraws, l => l.Contains('…', StringComparison.Ordinal));

        var (pipedExit, piped, stderr) = await MaestroProcess.RunAsync(fixture.Home, "run", doc, "--agent", "claude-code", "--in-process", "--reset", "--cwd", fixture.Repo);
        Assert.True(pipedExit == 0, stderr);
        Assert.DoesNotContain('\u001b', piped);
        Assert.DoesNotContain('\r', piped);
    }

    [GeneratedRegex("\r\u001b\\[2K([^\r\n]*)(?=\r\u001b\\[2K)")]
    private static partial Regex LiveLine();

    [GeneratedRegex(@"\u001b\[\?1[hl]\u001b[=>]")]
    private static partial Regex KeypadMode();
}

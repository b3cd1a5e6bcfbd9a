using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Cli;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// <c>maestro sessions close --remove-worktree --delete-branch</c> through a real daemon, the agent the Claude Code
/// STAND-IN script (the close is the daemon's; nothing is prompted).
/// </summary>
public sealed class SessionsCloseCliTests : IAsyncLifetime
{
    private readonly TempDirectory home = new("home");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["README.md"] = "# repo\n" });

    public Task InitializeAsync()
        => MaestroAgentSettings.WriteAsync(home.Path, "claude-code", ClaudeStandIn.Create(home.Path), new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = home.Path });

    public async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        repo.Dispose();
        home.Dispose();
    }

    private async Task<JsonNode> NewSessionAsync(string branch)
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "new", "--agent", "claude-code", "--cwd", repo.Root, "--worktree", branch, "--json");
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }

    [Fact]
    public async Task Close_with_delete_branch_prints_the_session_and_what_was_removed_and_an_unmerged_branch_exits_16()
    {
        var session = await NewSessionAsync("cli/merged");
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "close", (string)session["id"]!, "--remove-worktree", "--delete-branch", "--json");
        Assert.True(exit == 0, stderr);
        var closed = JsonNode.Parse(stdout)!;
        Assert.Equal("closed", (string?)closed["status"]);
        var removed = closed["removedWorktree"]!;
        Assert.Equal(((string?)session["worktree"], "cli/merged", true), ((string?)removed["path"], (string?)removed["branch"], (bool)removed["branchDeleted"]!));
        Assert.DoesNotContain("cli/merged", repo.Git("branch"), StringComparison.Ordinal);

        var unmerged = await NewSessionAsync("cli/unmerged");
        var worktree = (string)unmerged["worktree"]!;
        File.WriteAllText(Path.Combine(worktree, "work.txt"), "work\n");
        TestRepository.GitIn(worktree, "add", "work.txt");
        TestRepository.GitIn(worktree, "commit", "-q", "-m", "work");
        (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "close", (string)unmerged["id"]!, "--remove-worktree", "--delete-branch", "--json");
        Assert.Equal(ExitCodes.BranchNotMerged, exit);
        var error = JsonNode.Parse(stdout)!["error"]!;
        Assert.Equal((ErrorCodes.BranchNotMerged, "BranchNotMerged"), ((int)error["code"]!, (string?)error["kind"]));
        Assert.Contains("but its branch 'cli/unmerged' was kept: it has commits not merged into 'main'", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(worktree));
        Assert.Contains("cli/unmerged", repo.Git("branch"), StringComparison.Ordinal);

        // --delete-branch alone is a usage error: nothing is sent.
        var alone = await NewSessionAsync("cli/alone");
        (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "close", (string)alone["id"]!, "--delete-branch");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--delete-branch deletes the branch of the worktree --remove-worktree removes; pass both.", stderr, StringComparison.Ordinal);
        Assert.True(Directory.Exists((string)alone["worktree"]!));
    }
}

using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Cli;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Tests.Git;

/// <summary>The acceptance scenario over a real <c>maestro serve --stdio --in-process</c>, raw JSON on the wire; and the CLI.</summary>
public sealed class GitProcessTests : IDisposable
{
    private static readonly string Twenty = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
    private readonly TempDirectory home = new("home");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = Twenty });

    public void Dispose()
    {
        repo.Dispose();
        home.Dispose();
    }

    /// <summary>A call whose reply may come after <c>review/changed</c> notifications: those are skipped.</summary>
    private static async Task<JsonObject> CallAsync(RawConnection raw, int id, string method, object? parameters = null)
    {
        await raw.SendAsync(LspFraming.Request(id, method, parameters));
        while (true)
        {
            var message = await raw.ReceiveAsync();
            if (message["id"] is { } replyId && (int)replyId == id)
            {
                return message;
            }
        }
    }

    private static JsonNode Result(JsonObject reply) => reply["result"] ?? throw new InvalidOperationException(reply.ToJsonString());

    [Fact]
    public async Task A_client_creates_a_worktree_rejects_one_hunk_accepts_another_and_cannot_remove_it_dirty()
    {
        await using var maestro = MaestroProcess.Start(home.Path, "serve", "--stdio", "--in-process");
        var raw = maestro.Raw;
        await raw.InitializeAsync("process-test");

        var worktree = Result(await CallAsync(raw, 1, Methods.WorktreesCreate, new WorktreeCreateParams { Repo = repo.Root, Branch = "maestro/agent" }));
        var path = (string)worktree["path"]!;
        var file = Path.Combine(path, "a.txt");
        File.WriteAllText(file, Twenty.Replace("line 2\n", "two\n", StringComparison.Ordinal).Replace("line 15\n", "fifteen\n", StringComparison.Ordinal));

        var changes = Result(await CallAsync(raw, 2, Methods.ReviewChanges, new ReviewChangesParams { Cwd = path, Baseline = ReviewBaseline.Index }));
        var hunks = changes["files"]![0]!["hunks"]!.AsArray();
        Assert.Equal(2, hunks.Count);
        Assert.Equal(1, (int)Result(await CallAsync(raw, 3, Methods.ReviewReject, new ReviewSelectionParams { Cwd = path, HunkIds = [(string)hunks[0]!["id"]!], Baseline = ReviewBaseline.Index }))["rejected"]!);
        Assert.Equal(1, (int)Result(await CallAsync(raw, 4, Methods.ReviewAccept, new ReviewSelectionParams { Cwd = path, HunkIds = [(string)hunks[1]!["id"]!], Baseline = ReviewBaseline.Index }))["accepted"]!);

        Assert.Equal(string.Empty, TestRepository.GitIn(path, "diff"));
        var cached = TestRepository.GitIn(path, "diff", "--cached");
        Assert.Contains("-line 15\n+fifteen\n", cached, StringComparison.Ordinal);
        Assert.DoesNotContain("two", cached, StringComparison.Ordinal);

        var refused = await CallAsync(raw, 5, Methods.WorktreesRemove, new WorktreeRemoveParams { Path = path });
        Assert.Equal(ErrorCodes.WorktreeDirty, (int)refused["error"]!["code"]!);
        Assert.Equal(["a.txt"], refused["error"]!["data"]!["paths"]!.AsArray().Select(p => (string)p!));
        Assert.Contains("a.txt", (string)refused["error"]!["message"]!, StringComparison.Ordinal);
        Assert.True(Directory.Exists(path));

        await CallAsync(raw, 6, Methods.Shutdown);
        await raw.SendAsync(LspFraming.Notification(Methods.Exit));
        Assert.Equal(0, await maestro.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_cli_lists_creates_and_removes_worktrees_and_shows_the_review()
    {
        var created = await MaestroProcess.RunAsync(home.Path, "worktree", "create", "cli-branch", "--repo", repo.Root);
        Assert.True(created.ExitCode == 0, created.Stderr);
        var path = created.Stdout.Trim();
        Assert.Equal(repo.Root + ".worktrees/cli-branch", path);

        var list = await MaestroProcess.RunAsync(home.Path, "worktree", "list", "--repo", repo.Root, "--json");
        Assert.Equal(0, list.ExitCode);
        var worktrees = JsonNode.Parse(list.Stdout)!["worktrees"]!.AsArray();
        Assert.Equal([repo.Root, path], worktrees.Select(w => (string)w!["path"]!));

        File.WriteAllText(Path.Combine(path, "a.txt"), "replaced\n");
        var review = await MaestroProcess.RunAsync(home.Path, "review", "--cwd", path, "--json", "--index");
        Assert.Equal(0, review.ExitCode);
        var reviewed = JsonNode.Parse(review.Stdout)!["files"]![0]!;
        Assert.Equal("a.txt", (string)reviewed["path"]!);
        Assert.Equal("modified", (string)reviewed["status"]!);
        var text = await MaestroProcess.RunAsync(home.Path, "review", "--cwd", path, "--index");
        Assert.Contains("+replaced", text.Stdout, StringComparison.Ordinal);

        // The user's own edit is no agent change.
        Assert.Contains("no agent change is pending", (await MaestroProcess.RunAsync(home.Path, "review", "--cwd", path)).Stdout, StringComparison.Ordinal);

        var dirty = await MaestroProcess.RunAsync(home.Path, "worktree", "remove", path);
        Assert.Equal(7, dirty.ExitCode);
        Assert.Contains("a.txt", dirty.Stderr, StringComparison.Ordinal);
        var forced = await MaestroProcess.RunAsync(home.Path, "worktree", "remove", path, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.False(Directory.Exists(path));

        using var elsewhere = new TempDirectory("norepo");
        Assert.Equal(6, (await MaestroProcess.RunAsync(home.Path, "review", "--cwd", elsewhere.Path)).ExitCode);
    }

    [Fact]
    public async Task The_cli_removes_a_worktree_with_its_branch_refuses_an_unmerged_one_with_the_fix_and_forces_it()
    {
        var merged = (await MaestroProcess.RunAsync(home.Path, "worktree", "create", "cli-merged", "--repo", repo.Root)).Stdout.Trim();
        var removed = await MaestroProcess.RunAsync(home.Path, "worktree", "remove", merged, "--delete-branch", "--json");
        Assert.True(removed.ExitCode == 0, removed.Stderr);
        var done = JsonNode.Parse(removed.Stdout)!;
        Assert.Equal(("removed", merged, "cli-merged", true), ((string?)done["action"], (string?)done["target"], (string?)done["branch"], (bool)done["branchDeleted"]!));
        Assert.DoesNotContain("cli-merged", repo.Git("branch"), StringComparison.Ordinal);

        // Unmerged: the worktree goes, the branch is kept, exit 16, and the JSON error keeps the protocol's kind.
        var unmerged = (await MaestroProcess.RunAsync(home.Path, "worktree", "create", "cli-unmerged", "--repo", repo.Root)).Stdout.Trim();
        File.WriteAllText(Path.Combine(unmerged, "b.txt"), "work\n");
        TestRepository.GitIn(unmerged, "add", "b.txt");
        TestRepository.GitIn(unmerged, "commit", "-q", "-m", "work");
        var refused = await MaestroProcess.RunAsync(home.Path, "worktree", "remove", unmerged, "--delete-branch", "--json");
        Assert.Equal(ExitCodes.BranchNotMerged, refused.ExitCode);
        var error = JsonNode.Parse(refused.Stdout)!["error"]!;
        Assert.Equal((16, ErrorCodes.BranchNotMerged, "BranchNotMerged"), ((int)error["exitCode"]!, (int)error["code"]!, (string?)error["kind"]));
        Assert.Contains($"The worktree '{unmerged}' was removed, but its branch 'cli-unmerged' was kept: it has commits not merged into 'main'.", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"git -C {repo.Root} branch -D cli-unmerged", (string?)error["message"], StringComparison.Ordinal);
        Assert.False(Directory.Exists(unmerged));
        Assert.Contains("cli-unmerged", repo.Git("branch"), StringComparison.Ordinal);

        // --force deletes an unmerged branch with its worktree; the text says what went.
        var forcedPath = (await MaestroProcess.RunAsync(home.Path, "worktree", "create", "cli-forced", "--repo", repo.Root)).Stdout.Trim();
        File.WriteAllText(Path.Combine(forcedPath, "c.txt"), "work\n");
        TestRepository.GitIn(forcedPath, "add", "c.txt");
        TestRepository.GitIn(forcedPath, "commit", "-q", "-m", "work");
        var forced = await MaestroProcess.RunAsync(home.Path, "worktree", "remove", forcedPath, "--delete-branch", "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal($"Removed {forcedPath}. Deleted the branch cli-forced.", forced.Stdout.Trim());
        Assert.DoesNotContain("cli-forced", repo.Git("branch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_lists_agent_hunks_with_their_session_and_rejects_undoes_and_accepts_them()
    {
        var before = repo.Read("a.txt");
        await using (var server = new TestServer(home: home.Path))
        {
            var turns = server.Services.GetRequiredService<Maestro.Server.Git.Review.Attribution.TurnBaselines>();
            await turns.TurnStartingAsync("s_cli", "t_cli", repo.Root, CancellationToken.None);
            repo.Write("a.txt", before + "added by the agent\n");
            await turns.TurnEndedAsync("s_cli", "t_cli", CancellationToken.None);
        }

        var listed = await MaestroProcess.RunAsync(home.Path, "review", "--cwd", repo.Root, "--session", "s_cli");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Contains("s_cli", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("+added by the agent", listed.Stdout, StringComparison.Ordinal);
        var id = JsonNode.Parse((await MaestroProcess.RunAsync(home.Path, "review", "--cwd", repo.Root, "--json")).Stdout)!["files"]![0]!["hunks"]![0]!["id"]!.GetValue<string>();

        var rejected = await MaestroProcess.RunAsync(home.Path, "review", "reject", id, "--cwd", repo.Root);
        Assert.True(rejected.ExitCode == 0, rejected.Stderr);
        Assert.Equal(before, repo.Read("a.txt"));
        var decision = rejected.Stdout.Split("maestro review undo ")[1].Trim();

        Assert.Equal(0, (await MaestroProcess.RunAsync(home.Path, "review", "undo", decision, "--cwd", repo.Root)).ExitCode);
        Assert.Equal(before + "added by the agent\n", repo.Read("a.txt"));

        // From a subfolder, '../a.txt' is the file above (paths resolve from the current folder, as git's do).
        var sub = Directory.CreateDirectory(repo.PathOf("sub")).FullName;
        var fromSub = await MaestroProcess.RunInAsync(sub, home.Path, "review", "../a.txt");
        Assert.True(fromSub.ExitCode == 0, fromSub.Stderr);
        Assert.Contains("+added by the agent", fromSub.Stdout, StringComparison.Ordinal);

        var accepted = await MaestroProcess.RunInAsync(sub, home.Path, "review", "accept", "../a.txt", "--json");
        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
        Assert.Equal(1, JsonNode.Parse(accepted.Stdout)!["decided"]!.GetValue<int>());
        Assert.Equal(before + "added by the agent\n", repo.Read("a.txt"));
        Assert.Contains("no agent change is pending", (await MaestroProcess.RunAsync(home.Path, "review", "--cwd", repo.Root)).Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, repo.Git("diff", "--cached"));
    }

    [Fact]
    public async Task The_cli_merges_a_worktree_commits_its_changes_first_reports_a_conflict_and_prunes_a_gone_one()
    {
        var path = (await MaestroProcess.RunAsync(home.Path, "worktree", "create", "to-merge", "--repo", repo.Root)).Stdout.Trim();
        File.WriteAllText(Path.Combine(path, "b.txt"), "from the worktree\n");
        File.WriteAllText(Path.Combine(path, "not-accepted.txt"), "left out\n");
        TestRepository.GitIn(path, "add", "b.txt"); // accepted (staged): what -m commits before the merge

        var usage = await MaestroProcess.RunAsync(home.Path, "worktree", "merge", path, "--ff-only", "--no-ff");
        Assert.Equal(2, usage.ExitCode);

        var merged = await MaestroProcess.RunAsync(home.Path, "worktree", "merge", path, "-m", "Add b", "--json");
        Assert.True(merged.ExitCode == 0, merged.Stderr);
        var result = JsonNode.Parse(merged.Stdout)!;
        Assert.True(result["merged"]!.GetValue<bool>());
        Assert.NotNull(result["committed"]);
        Assert.Equal("from the worktree\n", repo.Git("show", "HEAD:b.txt"));
        Assert.DoesNotContain("not-accepted.txt", repo.Git("ls-tree", "--name-only", "HEAD"), StringComparison.Ordinal);

        // A conflict: both sides change the same line; the base stays as it was and the path is named.
        var second = (await MaestroProcess.RunAsync(home.Path, "worktree", "create", "conflicting", "--repo", repo.Root)).Stdout.Trim();
        File.WriteAllText(Path.Combine(second, "a.txt"), Twenty.Replace("line 5\n", "line 5 in the worktree\n", StringComparison.Ordinal));
        TestRepository.GitIn(second, "add", "a.txt");
        File.WriteAllText(Path.Combine(repo.Root, "a.txt"), Twenty.Replace("line 5\n", "line 5 on main\n", StringComparison.Ordinal));
        repo.Git("commit", "-qam", "main changes line 5");
        var head = repo.Git("rev-parse", "HEAD").Trim();
        var conflict = await MaestroProcess.RunAsync(home.Path, "worktree", "merge", second, "-m", "worktree changes line 5");
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("a.txt", conflict.Stderr, StringComparison.Ordinal);
        Assert.Equal(head, repo.Git("rev-parse", "HEAD").Trim());

        // A worktree whose folder was deleted by hand is pruned.
        Directory.Delete(second, recursive: true);
        var pruned = await MaestroProcess.RunAsync(home.Path, "worktree", "prune", "--repo", repo.Root);
        Assert.Equal(0, pruned.ExitCode);
        Assert.Contains("pruned", pruned.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(second, (await MaestroProcess.RunAsync(home.Path, "worktree", "list", "--repo", repo.Root)).Stdout, StringComparison.Ordinal);
    }
}

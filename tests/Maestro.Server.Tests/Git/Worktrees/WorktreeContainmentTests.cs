using Maestro.Protocol;
using Maestro.Server.Git.Worktrees;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git.Worktrees;

/// <summary>worktrees/* with hostile input: branch names git would read as options, relative paths, git's own refusals, planted hooks.</summary>
public sealed class WorktreeContainmentTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = "a\n" });
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
    }

    [Theory]
    [InlineData("-m")]
    [InlineData("--force")]
    [InlineData("-D")]
    public async Task A_branch_starting_with_a_dash_is_refused_and_the_users_branches_stay_as_they_were(string branch)
    {
        var error = await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, branch), ErrorCodes.InvalidParams);
        Assert.Contains("starts with '-'", error.Message, StringComparison.Ordinal);
        Assert.Equal("main", repo.Git("branch", "--format=%(refname:short)").Trim());
        Assert.Single(await rpc.ListWorktreesAsync(repo.Root));
    }

    [Fact]
    public async Task A_relative_worktree_path_is_refused_not_resolved_against_the_daemons_folder()
    {
        var error = await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, "rel", path: "relative-worktree"), ErrorCodes.InvalidParams);
        Assert.Contains("relative", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "relative-worktree")));
    }

    [Fact]
    public async Task Gits_refusal_of_a_requested_path_is_invalid_params_with_gits_message()
    {
        // A path below a file: the checks pass (nothing is there), git cannot create it.
        var error = await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, "below-a-file", path: repo.PathOf("a.txt/sub")), ErrorCodes.InvalidParams);
        Assert.Contains("git refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planted_hook_does_not_run_when_maestro_creates_a_worktree()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var marker = new TempDirectory("hook-marker");
        var ran = marker.Combine("ran");
        var hook = repo.PathOf(".git/hooks/post-checkout");
        File.WriteAllText(hook, $"#!/bin/sh\ntouch '{ran}'\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await rpc.CreateWorktreeAsync(repo.Root, "hooked");
        Assert.False(File.Exists(ran), "git ran the repository's post-checkout hook in Maestro's call");
    }

    [Theory]
    [InlineData("-m")]
    [InlineData("--orphan")]
    [InlineData("feature/login")]
    [InlineData("maestro/run-1")]
    [InlineData("a..b")]
    [InlineData("a b")]
    [InlineData("x.lock")]
    [InlineData("a/x.lock/b")]
    [InlineData(".hidden")]
    [InlineData("a/.b")]
    [InlineData("a@{1}")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a.")]
    [InlineData("ü-branch")]
    [InlineData("a~1")]
    [InlineData("a^")]
    [InlineData("a:b")]
    [InlineData("a?b")]
    [InlineData("a*b")]
    [InlineData("a[b")]
    [InlineData("a\\b")]
    [InlineData("a\tb")]
    [InlineData("with-dash")]
    [InlineData("v1.2.3")]
    public void Branch_names_are_judged_as_git_check_ref_format_branch_judges_them(string name)
    {
        var git = TestRepository.RunGit(repo.Root, "check-ref-format", "--branch", name);
        Assert.Equal(git.ExitCode == 0, BranchName.Problem(name) is null);
    }
}

using Maestro.Protocol;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Loading;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Playbooks.Loading;

/// <summary>Where a playbook path enters: playbooks/run and the loader, given devices, FIFOs, huge files, links, hostile settings and relative paths.</summary>
public sealed class PlaybookContainmentTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TempDirectory folder = new("pb-contain");
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        folder.Dispose();
    }

    private static Task<string> InvalidAsync(string path)
        => Task.Run(async () => (await Assert.ThrowsAsync<PlaybookInvalidException>(() => PlaybookLoader.LoadAsync(path, CancellationToken.None))).Message)
            .WaitAsync(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task Running_dev_zero_is_refused_at_once()
    {
        var started = DateTime.UtcNow;
        var error = await GitRpc.FailsAsync(
            () => rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = "/dev/zero", AgentId = "claude-code" }).WaitAsync(TimeSpan.FromSeconds(20)),
            ErrorCodes.PlaybookInvalid);
        Assert.Contains("device", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_fifo_document_or_settings_file_is_refused_without_blocking()
    {
        Assert.Contains("FIFO", await InvalidAsync(SpecialFiles.Fifo(folder.Combine("tasks.md"))), StringComparison.Ordinal);

        Directory.CreateDirectory(folder.Combine("pb"));
        File.WriteAllText(folder.Combine("pb", "01.md"), "- [ ] One\n");
        SpecialFiles.Fifo(folder.Combine("pb", "playbook.yaml"));
        Assert.Contains("FIFO", await InvalidAsync(folder.Combine("pb")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_document_is_refused_before_it_is_read()
    {
        var huge = SpecialFiles.Sparse(folder.Combine("huge.md"), "- [ ] One\n", PlaybookLoader.MaxFileBytes + 1);
        Assert.Contains("bytes", await InvalidAsync(huge), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_linked_document_is_still_read()
    {
        using var elsewhere = new TempDirectory("pb-linked");
        File.WriteAllText(elsewhere.Combine("real.md"), "- [ ] Linked task\n");
        File.CreateSymbolicLink(folder.Combine("linked.md"), elsewhere.Combine("real.md"));
        var playbook = await PlaybookLoader.LoadAsync(folder.Combine("linked.md"), CancellationToken.None);
        Assert.Equal(1, playbook.TotalTasks);
    }

    [Theory]
    [InlineData("-m")]
    [InlineData("--force")]
    [InlineData("a..b")]
    public async Task A_worktree_branch_in_playbook_yaml_that_git_would_misread_is_refused(string branch)
    {
        Directory.CreateDirectory(folder.Combine("pb"));
        File.WriteAllText(folder.Combine("pb", "playbook.yaml"), $"worktree: \"{branch}\"\n");
        File.WriteAllText(folder.Combine("pb", "01.md"), "- [ ] One\n");
        Assert.Contains("not a valid branch name", await InvalidAsync(folder.Combine("pb")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_playbook_path_is_refused_without_a_cwd_and_resolved_against_the_cwd_given()
    {
        var error = await GitRpc.FailsAsync(
            () => rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = "pb", AgentId = "claude-code" }),
            ErrorCodes.InvalidParams);
        Assert.Contains("relative", error.Message, StringComparison.Ordinal);

        // With a cwd it is the cwd's pb that is loaded: here, one with no documents, which says so by its full path.
        Directory.CreateDirectory(folder.Combine("pb"));
        var loaded = await GitRpc.FailsAsync(
            () => rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = "pb", Cwd = folder.Path, AgentId = "claude-code" }),
            ErrorCodes.PlaybookInvalid);
        Assert.Contains(folder.Combine("pb"), loaded.Message, StringComparison.Ordinal);
    }
}

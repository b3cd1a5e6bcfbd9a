using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git.Review;

/// <summary>review/reject and accept through the real RPC layer when the tree holds links where folders were.</summary>
public sealed class ReviewContainmentTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TempDirectory outside = new("review-outside");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string>
    {
        ["src/a.txt"] = "tracked\n",
        ["src/b.txt"] = "also tracked\n",
    });

    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
        outside.Dispose();
    }

    /// <summary>The agent moves the tracked folder away and puts a link to a folder of its choosing in its place.</summary>
    private void SwapSrcForALinkOut()
    {
        Directory.Delete(repo.PathOf("src"), recursive: true);
        File.WriteAllText(outside.Combine("a.txt"), "outside, not the repository's\n");
        File.WriteAllText(outside.Combine("b.txt"), "outside b\n");
        Directory.CreateSymbolicLink(repo.PathOf("src"), outside.Path);
    }

    [Fact]
    public async Task Rejecting_by_hunk_id_restores_into_a_real_folder_not_through_the_link()
    {
        SwapSrcForALinkOut();
        var files = (await rpc.ChangesAsync(repo.Root)).Files;
        var deleted = files.Single(f => f.Path == "src/a.txt");
        Assert.Equal(ChangeStatus.Deleted, deleted.Status);

        await rpc.RejectAsync(repo.Root, hunkIds: [.. deleted.Hunks.Select(h => h.Id)]);

        Assert.Equal("outside, not the repository's\n", File.ReadAllText(outside.Combine("a.txt")));
        Assert.Null(new DirectoryInfo(repo.PathOf("src")).LinkTarget);
        Assert.Equal("tracked\n", repo.Read("src/a.txt"));
    }

    [Fact]
    public async Task Selecting_files_by_a_path_through_the_swapped_folder_is_refused_and_nothing_outside_changes()
    {
        SwapSrcForALinkOut();
        await GitRpc.FailsAsync(() => rpc.RejectAsync(repo.Root, paths: ["src/a.txt", "src/b.txt"]), ErrorCodes.PathOutsideWorkspace);

        Assert.Equal("outside, not the repository's\n", File.ReadAllText(outside.Combine("a.txt")));
        Assert.Equal("outside b\n", File.ReadAllText(outside.Combine("b.txt")));
    }

    [Fact]
    public async Task Rejecting_a_new_file_under_a_folder_swapped_after_the_review_deletes_nothing_outside()
    {
        repo.Write("src/new.txt", "agent's file\n");
        var added = (await rpc.ChangesAsync(repo.Root)).Files.Single(f => f.Path == "src/new.txt");

        // Between the review and the decision the folder becomes a link to a folder with a file of that name.
        SwapSrcForALinkOut();
        File.WriteAllText(outside.Combine("new.txt"), "agent's file\n");
        try
        {
            await rpc.RejectAsync(repo.Root, hunkIds: [.. added.Hunks.Select(h => h.Id)]);
        }
        catch (RemoteInvocationException)
        {
            // Refused as stale is fine too; deleting through the link is not.
        }

        Assert.True(File.Exists(outside.Combine("new.txt")));
    }
}

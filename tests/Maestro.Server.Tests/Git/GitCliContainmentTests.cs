using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git;

/// <summary>Maestro's own git calls do not run what a repository's config plants (core.fsmonitor, hooks).</summary>
public sealed class GitCliContainmentTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TempDirectory marker = new("fsmonitor-marker");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = "a\n" });
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
        marker.Dispose();
    }

    [Fact]
    public async Task A_planted_fsmonitor_does_not_run_when_maestro_reads_the_review()
    {
        var ran = marker.Combine("ran");
        repo.Git("config", "core.fsmonitor", $"touch '{ran}'; echo");
        repo.Write("a.txt", "changed\n");

        var files = (await rpc.ChangesAsync(repo.Root)).Files;
        Assert.Equal("a.txt", Assert.Single(files).Path);
        Assert.False(File.Exists(ran), "git ran the repository's core.fsmonitor in Maestro's review read");

        // The plant is live: plain git runs it, so the assertion above could fail.
        repo.Git("status", "--porcelain");
        Assert.True(File.Exists(ran));
    }
}

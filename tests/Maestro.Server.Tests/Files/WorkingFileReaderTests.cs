using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Files;
using Maestro.Server.Git;
using Maestro.Server.Git.Errors;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Files;

/// <summary>files/read reads what the working tree holds and nothing else: no link out, no git directory, no FIFO.</summary>
public sealed class WorkingFileReaderTests : IDisposable
{
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["src/a.txt"] = "one\r\ntwo\n", ["b.txt"] = "bee\n" });
    private readonly WorkingFileReader reader = new(new RepositoryLocator());

    public void Dispose() => repo.Dispose();

    private Task<FilesReadResult> ReadAsync(string path, string? cwd = null)
        => reader.ReadAsync(new FilesReadParams { Cwd = cwd ?? repo.Root, Path = path }, CancellationToken.None);

    [Fact]
    public async Task A_path_relative_to_a_subfolder_reads_the_file_as_it_is()
    {
        var read = await ReadAsync("a.txt", repo.PathOf("src"));
        Assert.Equal("one\r\ntwo\n", read.Content);
        Assert.Equal(repo.PathOf("src/a.txt"), read.Path);
        Assert.False(read.Binary);
        Assert.Equal(9, read.Size);
    }

    [Fact]
    public async Task A_binary_file_has_no_content()
    {
        repo.WriteBytes("blob.bin", [1, 2, 0, 3]);
        var read = await ReadAsync("blob.bin");
        Assert.True(read.Binary);
        Assert.Null(read.Content);
        Assert.Equal(4, read.Size);
    }

    [Fact]
    public async Task A_link_inside_the_tree_is_followed_and_one_pointing_out_is_refused()
    {
        File.CreateSymbolicLink(repo.PathOf("to-b.txt"), "b.txt");
        Assert.Equal("bee\n", (await ReadAsync("to-b.txt")).Content);

        File.WriteAllText(Path.Combine(repo.Parent, "secret.txt"), "secret\n");
        File.CreateSymbolicLink(repo.PathOf("out.txt"), Path.Combine(repo.Parent, "secret.txt"));
        Directory.CreateSymbolicLink(repo.PathOf("outdir"), repo.Parent);
        await Assert.ThrowsAsync<PathOutsideWorkspaceException>(() => ReadAsync("out.txt"));
        await Assert.ThrowsAsync<PathOutsideWorkspaceException>(() => ReadAsync("outdir/secret.txt"));
        await Assert.ThrowsAsync<PathOutsideWorkspaceException>(() => ReadAsync(Path.Combine(repo.Parent, "secret.txt")));
    }

    [Fact]
    public async Task The_git_directory_a_folder_a_fifo_and_a_missing_file_are_refused_with_a_reason()
    {
        await Assert.ThrowsAsync<PathOutsideWorkspaceException>(() => ReadAsync(".git/config"));
        Assert.Contains("regular file", (await Assert.ThrowsAsync<InvalidParamsException>(() => ReadAsync("src"))).Message, StringComparison.Ordinal);
        SpecialFiles.Fifo(repo.PathOf("pipe"));
        Assert.Contains("FIFO", (await Assert.ThrowsAsync<InvalidParamsException>(() => ReadAsync("pipe"))).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<InvalidParamsException>(() => ReadAsync("gone.txt"))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidParamsException>(() => ReadAsync("a.txt", "relative/cwd"));
    }
}

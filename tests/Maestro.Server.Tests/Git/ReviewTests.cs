using System.Text;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git;

/// <summary>review/changes, accept and reject through the real RPC layer, against real repositories.</summary>
public sealed class ReviewTests : IAsyncLifetime
{
    private static readonly string Twenty = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
    private readonly TestServer server = new();
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string>
    {
        ["a.txt"] = Twenty,
        ["src/keep.txt"] = "keep\n",
    });

    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
    }

    private static string Edit(string text, int line, string replacement)
    {
        var lines = text.Split('\n').ToList();
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task Changes_lists_hunks_with_ids_headers_and_lines()
    {
        repo.Write("a.txt", Edit(Edit(Twenty, 2, "two"), 15, "fifteen"));
        var file = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal(("a.txt", ChangeStatus.Modified, false), (file.Path, file.Status, file.Binary));
        Assert.Equal(2, file.Hunks.Count);
        Assert.Equal("@@ -1,5 +1,5 @@", file.Hunks[0].Header);
        Assert.Equal([" line 1", "-line 2", "+two", " line 3", " line 4", " line 5"], file.Hunks[0].Lines);
        Assert.Equal((12, 7, 12, 7), (file.Hunks[1].OldStart, file.Hunks[1].OldLines, file.Hunks[1].NewStart, file.Hunks[1].NewLines));
        Assert.Equal(16, file.Hunks[0].Id.Length);

        // The same state gives the same ids.
        var again = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal(file.Hunks.Select(h => h.Id), again.Hunks.Select(h => h.Id));
    }

    [Fact]
    public async Task A_file_rewritten_with_the_same_content_is_not_a_change()
    {
        // Its stat changes (git's index entry is stale) but its content does not.
        repo.Write("a.txt", Twenty);
        File.SetLastWriteTimeUtc(repo.PathOf("a.txt"), DateTime.UtcNow.AddMinutes(5));
        repo.Write("src/keep.txt", "changed\n");
        var file = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal("src/keep.txt", file.Path);
    }

    [Fact]
    public async Task A_merge_conflict_is_one_conflicted_file_without_hunks_that_review_refuses_to_decide()
    {
        repo.Git("checkout", "-q", "-b", "other");
        repo.Write("a.txt", Edit(Twenty, 3, "theirs"));
        repo.CommitAll("theirs");
        repo.Git("checkout", "-q", "-");
        repo.Write("a.txt", Edit(Twenty, 3, "ours"));
        repo.CommitAll("ours");
        Assert.NotEqual(0, TestRepository.RunGit(repo.Root, "merge", "-q", "other").ExitCode);

        var file = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal(("a.txt", ChangeStatus.Conflicted), (file.Path, file.Status));
        Assert.Empty(file.Hunks);
        var error = await GitRpc.FailsAsync(() => rpc.AcceptAsync(repo.Root, paths: ["a.txt"]), ErrorCodes.InvalidParams);
        Assert.Contains("conflict", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_one_hunk_and_rejecting_the_other_leaves_exactly_that_in_the_index_and_the_file()
    {
        repo.Write("a.txt", Edit(Edit(Twenty, 2, "two"), 15, "fifteen"));
        var hunks = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files).Hunks;

        Assert.Equal(1, await rpc.RejectAsync(repo.Root, hunkIds: [hunks[0].Id]));
        Assert.Equal(1, await rpc.AcceptAsync(repo.Root, hunkIds: [hunks[1].Id]));

        Assert.Equal(Edit(Twenty, 15, "fifteen"), repo.Read("a.txt"));
        Assert.Equal(Edit(Twenty, 15, "fifteen"), repo.Staged("a.txt"));
        Assert.Equal(string.Empty, repo.Git("diff"));
        Assert.Contains("+fifteen", repo.Git("diff", "--cached"), StringComparison.Ordinal);
        Assert.Empty((await rpc.ChangesAsync(repo.Root)).Files);
    }

    [Fact]
    public async Task Ids_of_the_other_hunks_survive_an_accept_and_a_reject()
    {
        repo.Write("a.txt", Edit(Edit(Edit(Twenty, 2, "two\nextra"), 11, "ten"), 19, "eighteen"));
        var hunks = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files).Hunks;
        Assert.Equal(3, hunks.Count);
        await rpc.AcceptAsync(repo.Root, hunkIds: [hunks[0].Id]);
        await rpc.RejectAsync(repo.Root, hunkIds: [hunks[1].Id]);
        await rpc.AcceptAsync(repo.Root, hunkIds: [hunks[2].Id]);
        var expected = Edit(Edit(Twenty, 2, "two\nextra"), 19, "eighteen");
        Assert.Equal(expected, repo.Staged("a.txt"));
        Assert.Equal(expected, repo.Read("a.txt"));
    }

    [Fact]
    public async Task Adjacent_hunks_are_accepted_and_rejected_independently()
    {
        // Changes seven lines apart: the closest two hunks can be, one unchanged line between their contexts
        // (closer, and their contexts overlap into one hunk, as in git).
        repo.Write("a.txt", Edit(Edit(Twenty, 5, "five"), 13, "thirteen"));
        var hunks = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files).Hunks;
        Assert.Equal(2, hunks.Count);
        Assert.Equal(hunks[0].OldStart + hunks[0].OldLines + 1, hunks[1].OldStart);
        await rpc.AcceptAsync(repo.Root, hunkIds: [hunks[1].Id]);
        await rpc.RejectAsync(repo.Root, hunkIds: [hunks[0].Id]);
        Assert.Equal(Edit(Twenty, 13, "thirteen"), repo.Staged("a.txt"));
        Assert.Equal(Edit(Twenty, 13, "thirteen"), repo.Read("a.txt"));
    }

    [Fact]
    public async Task A_stale_hunk_id_answers_StaleHunk_and_changes_nothing()
    {
        repo.Write("a.txt", Edit(Edit(Twenty, 2, "two"), 15, "fifteen"));
        var hunks = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files).Hunks;
        var edited = Edit(Edit(Twenty, 2, "two, edited again"), 15, "fifteen");
        repo.Write("a.txt", edited);

        var error = await GitRpc.FailsAsync(() => rpc.AcceptAsync(repo.Root, hunkIds: [hunks[1].Id, hunks[0].Id]), ErrorCodes.StaleHunk);
        Assert.Contains(hunks[0].Id, error.Message, StringComparison.Ordinal);
        await GitRpc.FailsAsync(() => rpc.RejectAsync(repo.Root, hunkIds: [hunks[0].Id]), ErrorCodes.StaleHunk);
        Assert.Equal(Twenty, repo.Staged("a.txt"));
        Assert.Equal(edited, repo.Read("a.txt"));
    }

    [Fact]
    public async Task Untracked_files_are_one_hunk_accept_adds_them_and_reject_deletes_them_with_their_new_folder()
    {
        repo.Write("new/dir/one.txt", "hello\nworld\n");
        repo.Write("new/two.txt", "second\n");
        var files = (await rpc.ChangesAsync(repo.Root)).Files;
        Assert.Equal(["new/dir/one.txt", "new/two.txt"], files.Select(f => f.Path));
        var one = files[0];
        Assert.Equal(ChangeStatus.Untracked, one.Status);
        var hunk = Assert.Single(one.Hunks);
        Assert.Equal("@@ -0,0 +1,2 @@", hunk.Header);
        Assert.Equal(["+hello", "+world"], hunk.Lines);

        await rpc.AcceptAsync(repo.Root, hunkIds: [hunk.Id]);
        Assert.Equal("hello\nworld\n", repo.Staged("new/dir/one.txt"));

        Assert.Equal(1, await rpc.RejectAsync(repo.Root, paths: ["new/two.txt"]));
        Assert.False(File.Exists(repo.PathOf("new/two.txt")));
        Assert.True(File.Exists(repo.PathOf("new/dir/one.txt")));

        repo.Write("gone/only.txt", "x\n");
        await rpc.RejectAsync(repo.Root, paths: ["gone/only.txt"]);
        Assert.False(Directory.Exists(repo.PathOf("gone")));
    }

    [Fact]
    public async Task Deleted_files_accept_stages_the_deletion_and_reject_restores_the_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        repo.Write("b.txt", "b\n");
        repo.Write("c.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(repo.PathOf("c.sh"), (UnixFileMode)Convert.ToInt32("755", 8));
        repo.CommitAll("more");
        repo.Delete("b.txt");
        repo.Delete("c.sh");
        var files = (await rpc.ChangesAsync(repo.Root)).Files;
        Assert.All(files, f => Assert.Equal(ChangeStatus.Deleted, f.Status));
        var b = files.Single(f => f.Path == "b.txt");
        Assert.Equal(["-b"], Assert.Single(b.Hunks).Lines);

        await rpc.AcceptAsync(repo.Root, hunkIds: [b.Hunks[0].Id]);
        Assert.Contains("D  b.txt", repo.Git("status", "--porcelain"), StringComparison.Ordinal);

        await rpc.RejectAsync(repo.Root, paths: ["c.sh"]);
        Assert.Equal("#!/bin/sh\n", repo.Read("c.sh"));
        Assert.True((File.GetUnixFileMode(repo.PathOf("c.sh")) & UnixFileMode.UserExecute) != 0);
    }

    [Fact]
    public async Task A_rename_is_one_file_with_its_old_path_accepted_or_undone_whole()
    {
        repo.Write("old-name.txt", Twenty);
        repo.CommitAll("add");
        File.Move(repo.PathOf("old-name.txt"), repo.PathOf("new-name.txt"));
        var file = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal((ChangeStatus.Renamed, "new-name.txt", "old-name.txt"), (file.Status, file.Path, file.OldPath));
        Assert.Empty(file.Hunks);

        await rpc.RejectAsync(repo.Root, paths: ["new-name.txt"]);
        Assert.True(File.Exists(repo.PathOf("old-name.txt")));
        Assert.False(File.Exists(repo.PathOf("new-name.txt")));
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));

        File.Move(repo.PathOf("old-name.txt"), repo.PathOf("new-name.txt"));
        File.AppendAllText(repo.PathOf("new-name.txt"), "appended\n");
        file = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal(ChangeStatus.Renamed, file.Status);
        Assert.Single(file.Hunks);
        await rpc.AcceptAsync(repo.Root, paths: ["new-name.txt"]);
        Assert.Equal("R  old-name.txt -> new-name.txt", repo.Git("status", "--porcelain").Trim());
        Assert.Equal(Twenty + "appended\n", repo.Staged("new-name.txt"));
    }

    [Fact]
    public async Task Similar_modified_files_are_never_renames_but_a_moved_and_edited_file_is()
    {
        repo.Write("twin.txt", Twenty);
        repo.Write("moved.txt", Twenty.Replace("line", "row", StringComparison.Ordinal));
        repo.CommitAll("twins");
        repo.Write("a.txt", Edit(Twenty, 1, "first"));
        repo.Write("twin.txt", Edit(Twenty, 20, "last"));
        File.Move(repo.PathOf("moved.txt"), repo.PathOf("src/moved.txt"));
        File.AppendAllText(repo.PathOf("src/moved.txt"), "more\n");
        var files = (await rpc.ChangesAsync(repo.Root)).Files;
        Assert.Equal(
            [("a.txt", ChangeStatus.Modified, (string?)null), ("src/moved.txt", ChangeStatus.Renamed, "moved.txt"), ("twin.txt", ChangeStatus.Modified, null)],
            files.Select(f => (f.Path, f.Status, f.OldPath)));
        Assert.Equal(["+more"], Assert.Single(files[1].Hunks).Lines.Where(l => l[0] == '+'));
    }

    [Fact]
    public async Task Binary_files_have_no_hunks_and_are_accepted_or_rejected_by_path()
    {
        repo.WriteBytes("image.bin", [1, 0, 2, 3]);
        repo.CommitAll("binary");
        repo.WriteBytes("image.bin", [1, 0, 2, 4, 5]);
        var file = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.True(file.Binary);
        Assert.Empty(file.Hunks);

        await rpc.RejectAsync(repo.Root, paths: ["image.bin"]);
        Assert.Equal([1, 0, 2, 3], repo.ReadBytes("image.bin"));
        repo.WriteBytes("image.bin", [9, 0, 9]);
        await rpc.AcceptAsync(repo.Root, paths: ["image.bin"]);
        Assert.Equal(string.Empty, repo.Git("diff"));
        Assert.Contains("image.bin", repo.Git("diff", "--cached", "--stat"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crlf_files_keep_their_line_endings_byte_for_byte()
    {
        var crlf = "one\r\ntwo\r\nthree\r\nfour\r\nfive\r\nsix\r\nseven\r\neight\r\nnine\r\nten\r\nend\r\n";
        repo.Write("win.txt", crlf);
        repo.CommitAll("crlf");
        var edited = crlf.Replace("two\r\n", "TWO\r\n", StringComparison.Ordinal).Replace("ten\r\n", "TEN\r\n", StringComparison.Ordinal);
        repo.Write("win.txt", edited);
        var file = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal(2, file.Hunks.Count);
        Assert.Contains("+TWO", file.Hunks[0].Lines);

        await rpc.AcceptAsync(repo.Root, hunkIds: [file.Hunks[0].Id]);
        await rpc.RejectAsync(repo.Root, hunkIds: [file.Hunks[1].Id]);
        var expected = crlf.Replace("two\r\n", "TWO\r\n", StringComparison.Ordinal);
        Assert.Equal(expected, repo.Read("win.txt"));
        Assert.Equal(expected, repo.Staged("win.txt"));
    }

    [Fact]
    public async Task A_file_without_a_final_newline_stays_without_one()
    {
        repo.Write("tail.txt", "a\nb\nc");
        repo.CommitAll("tail");
        repo.Write("tail.txt", "a\nb\nC");
        var hunk = Assert.Single(Assert.Single((await rpc.ChangesAsync(repo.Root)).Files).Hunks);
        Assert.Equal([" a", " b", "-c", "\\ No newline at end of file", "+C", "\\ No newline at end of file"], hunk.Lines);
        await rpc.RejectAsync(repo.Root, hunkIds: [hunk.Id]);
        Assert.Equal("a\nb\nc", repo.Read("tail.txt"));

        repo.Write("tail.txt", "a\nb\nc\nd\n");
        hunk = Assert.Single(Assert.Single((await rpc.ChangesAsync(repo.Root)).Files).Hunks);
        await rpc.AcceptAsync(repo.Root, hunkIds: [hunk.Id]);
        Assert.Equal("a\nb\nc\nd\n", repo.Staged("tail.txt"));
        Assert.Equal(string.Empty, repo.Git("diff"));
    }

    [Fact]
    public async Task Paths_select_whole_files_or_folders_and_filter_the_changes()
    {
        repo.Write("a.txt", Edit(Twenty, 3, "three"));
        repo.Write("src/keep.txt", "changed\n");
        repo.Write("src/new.txt", "new\n");
        Assert.Equal(["src/keep.txt", "src/new.txt"], (await rpc.ChangesAsync(repo.Root, "src")).Files.Select(f => f.Path));
        Assert.Equal(2, await rpc.AcceptAsync(repo.Root, paths: [repo.PathOf("src")]));
        Assert.Equal(["a.txt"], (await rpc.ChangesAsync(repo.Root)).Files.Select(f => f.Path));
        Assert.Equal(1, await rpc.RejectAsync(repo.Root, paths: ["."]));
        Assert.Empty((await rpc.ChangesAsync(repo.Root)).Files);
        Assert.Equal(Twenty, repo.Read("a.txt"));
    }

    [Fact]
    public async Task Review_works_from_a_subfolder_with_paths_relative_to_the_root()
    {
        repo.Write("src/keep.txt", "changed\n");
        var file = Assert.Single((await rpc.ChangesAsync(repo.PathOf("src"))).Files);
        Assert.Equal("src/keep.txt", file.Path);
        await rpc.AcceptAsync(repo.PathOf("src"), paths: ["src/keep.txt"]);
        Assert.Equal("changed\n", repo.Staged("src/keep.txt"));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("src/../../x")]
    [InlineData(".git/config")]
    public async Task Paths_outside_the_working_tree_are_refused(string path)
    {
        repo.Write("a.txt", Edit(Twenty, 3, "three"));
        await GitRpc.FailsAsync(() => rpc.AcceptAsync(repo.Root, paths: [path]), ErrorCodes.PathOutsideWorkspace);
        await GitRpc.FailsAsync(() => rpc.RejectAsync(repo.Root, paths: [path]), ErrorCodes.PathOutsideWorkspace);
        await GitRpc.FailsAsync(() => rpc.ChangesAsync(repo.Root, path), ErrorCodes.PathOutsideWorkspace);
        Assert.Equal(Edit(Twenty, 3, "three"), repo.Read("a.txt"));
    }

    [Fact]
    public async Task Symlinks_pointing_out_of_the_tree_are_refused()
    {
        var outside = Path.Combine(repo.Parent, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret\n");
        File.CreateSymbolicLink(repo.PathOf("escape"), outside);
        File.CreateSymbolicLink(repo.PathOf("secret-link"), Path.Combine(outside, "secret.txt"));
        await GitRpc.FailsAsync(() => rpc.RejectAsync(repo.Root, paths: ["escape/secret.txt"]), ErrorCodes.PathOutsideWorkspace);
        await GitRpc.FailsAsync(() => rpc.AcceptAsync(repo.Root, paths: ["secret-link"]), ErrorCodes.PathOutsideWorkspace);

        // Listed as links (their target, never the content they point to).
        var files = (await rpc.ChangesAsync(repo.Root)).Files;
        Assert.All(files, f => Assert.True(f.Binary));
        Assert.Equal("secret\n", File.ReadAllText(Path.Combine(outside, "secret.txt")));
    }

    [Fact]
    public async Task A_folder_outside_any_repository_is_NotARepository()
    {
        using var elsewhere = new TempDirectory("norepo");
        await GitRpc.FailsAsync(() => rpc.ChangesAsync(elsewhere.Path), ErrorCodes.NotARepository);
        await GitRpc.FailsAsync(() => rpc.ChangesAsync("relative/path"), ErrorCodes.NotARepository);
    }

    [Fact]
    public async Task Accept_or_reject_without_a_selection_is_invalid_params()
    {
        await GitRpc.FailsAsync(() => rpc.AcceptAsync(repo.Root), ErrorCodes.InvalidParams);
        await GitRpc.FailsAsync(() => rpc.RejectAsync(repo.Root, hunkIds: []), ErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task Concurrent_accepts_and_rejects_on_one_file_are_serialized()
    {
        var edited = Twenty;
        var text = string.Concat(Enumerable.Range(1, 200).Select(i => $"line {i}\n"));
        repo.Write("big.txt", text);
        repo.CommitAll("big");
        var lines = text.Split('\n');
        for (var i = 5; i < 200; i += 10)
        {
            lines[i] = $"changed {i}";
        }

        repo.Write("big.txt", string.Join('\n', lines));
        var hunks = Assert.Single((await rpc.ChangesAsync(repo.Root)).Files).Hunks;
        Assert.Equal(20, hunks.Count);
        await Task.WhenAll(hunks.Select((h, i) => i % 2 == 0
            ? rpc.AcceptAsync(repo.Root, hunkIds: [h.Id])
            : rpc.RejectAsync(repo.Root, hunkIds: [h.Id])));

        var expected = text.Split('\n');
        for (var i = 5; i < 200; i += 20)
        {
            expected[i] = $"changed {i}";
        }

        Assert.Equal(string.Join('\n', expected), repo.Staged("big.txt"));
        Assert.Equal(string.Join('\n', expected), repo.Read("big.txt"));
        Assert.Equal(edited, repo.Read("a.txt"));
    }

    [Fact]
    public async Task Review_changed_is_notified_when_a_reviewed_file_changes()
    {
        var listener = new ReviewListener();
        using var watching = await server.ConnectInitializedAsync("watcher", listener);
        await rpc.ChangesAsync(repo.Root);
        repo.Write("a.txt", Edit(Twenty, 4, "four"));
        await Wait.UntilAsync(() => listener.Paths.Contains("a.txt"), what: "review/changed for a.txt");
        Assert.Equal(repo.Root, listener.Cwd);
    }

    private sealed class ReviewListener
    {
        private readonly List<string> paths = [];

        public string? Cwd { get; private set; }

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (paths)
                {
                    return [.. paths];
                }
            }
        }

        [JsonRpcMethod(Methods.ReviewChanged)]
        public void OnChanged(ReviewChangedNotification notification)
        {
            lock (paths)
            {
                Cwd = notification.Cwd;
                paths.AddRange(notification.Paths);
            }
        }
    }
}

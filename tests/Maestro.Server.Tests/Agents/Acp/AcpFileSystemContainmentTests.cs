using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Agents.Permissions;
using Maestro.Server.Agents.Running;
using Maestro.Server.Rpc;
using Maestro.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Agents.Acp;

/// <summary>
/// fs/read_text_file and fs/write_text_file, as an ACP agent calls them, against real files: links anywhere on the
/// way, the git directory, FIFOs and huge files.
/// </summary>
public sealed class AcpFileSystemContainmentTests : IDisposable
{
    private static readonly JsonSerializerOptions OmitNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly TempDirectory workspace = new("acp-fs");
    private readonly TempDirectory outside = new("acp-outside");
    private readonly AcpClientTarget target;

    public AcpFileSystemContainmentTests()
    {
        target = new AcpClientTarget(new PermissionBroker(new ConnectionRegistry(NullLogger<ConnectionRegistry>.Instance), NullLogger<PermissionBroker>.Instance), updateQueueCapacity: 1024)
        {
            Current = new AcpTurnContext(new AgentTurn { TurnId = "t1", SessionId = "s_test", Prompt = "p", WorkingDirectory = workspace.Path }, "s_test"),
        };
    }

    public void Dispose()
    {
        workspace.Dispose();
        outside.Dispose();
    }

    private Task<string> ReadAsync(string path, long? line = null, long? limit = null)
        => Task.Run(async () => JsonSerializer.SerializeToElement(await target.ReadTextFileAsync(JsonSerializer.SerializeToElement(new { sessionId = "a", path, line, limit }, OmitNulls), CancellationToken.None)).GetProperty("content").GetString()!)
            .WaitAsync(TimeSpan.FromSeconds(20)); // a read that blocks (a FIFO) fails the test instead of hanging it

    private Task<object?> WriteAsync(string path, string content)
        => Task.Run(() => target.WriteTextFileAsync(JsonSerializer.SerializeToElement(new { sessionId = "a", path, content }), CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(20));

    private static async Task<LocalRpcException> RefusedAsync(Func<Task> call, int code)
    {
        var error = await Assert.ThrowsAsync<LocalRpcException>(call);
        Assert.True(error.ErrorCode == code, $"Expected {code}, got {error.ErrorCode}: {error.Message}");
        return error;
    }

    [Fact]
    public async Task An_existing_file_behind_a_folder_link_that_leads_out_is_not_read()
    {
        File.WriteAllText(outside.Combine("passwd"), "root:x:0:0\n");
        Directory.CreateSymbolicLink(workspace.Combine("link"), outside.Path);
        await RefusedAsync(() => ReadAsync(workspace.Combine("link", "passwd")), ErrorCodes.PathOutsideWorkspace);
    }

    [Fact]
    public async Task An_existing_file_behind_a_folder_link_that_leads_out_is_not_overwritten()
    {
        File.WriteAllText(outside.Combine("x"), "original\n");
        Directory.CreateSymbolicLink(workspace.Combine("olink"), outside.Path);
        await RefusedAsync(() => WriteAsync(workspace.Combine("olink", "x"), "overwritten\n"), ErrorCodes.PathOutsideWorkspace);
        Assert.Equal("original\n", File.ReadAllText(outside.Combine("x")));
    }

    [Fact]
    public async Task A_link_inside_the_workspace_is_followed_to_its_real_file_and_the_write_lands_there()
    {
        Directory.CreateDirectory(workspace.Combine("real"));
        File.WriteAllText(workspace.Combine("real", "a.txt"), "inside\n");
        Directory.CreateSymbolicLink(workspace.Combine("alias"), workspace.Combine("real"));
        File.CreateSymbolicLink(workspace.Combine("a-link.txt"), workspace.Combine("real", "a.txt"));

        Assert.Equal("inside\n", await ReadAsync(workspace.Combine("alias", "a.txt")));
        await WriteAsync(workspace.Combine("a-link.txt"), "rewritten\n");
        Assert.Equal("rewritten\n", File.ReadAllText(workspace.Combine("real", "a.txt")));
        Assert.NotNull(new FileInfo(workspace.Combine("a-link.txt")).LinkTarget); // the link itself stays a link
    }

    [Fact]
    public async Task A_file_link_that_leads_out_is_neither_read_nor_written()
    {
        File.WriteAllText(outside.Combine("secret"), "secret\n");
        File.CreateSymbolicLink(workspace.Combine("s"), outside.Combine("secret"));
        await RefusedAsync(() => ReadAsync(workspace.Combine("s")), ErrorCodes.PathOutsideWorkspace);
        await RefusedAsync(() => WriteAsync(workspace.Combine("s"), "x"), ErrorCodes.PathOutsideWorkspace);
        Assert.Equal("secret\n", File.ReadAllText(outside.Combine("secret")));
    }

    [Theory]
    [InlineData(".git/config")]
    [InlineData(".GIT/config")]
    [InlineData("sub/.git/hooks/post-checkout")]
    [InlineData(".git")]
    public async Task Nothing_inside_a_git_directory_is_written_or_read(string relative)
    {
        Directory.CreateDirectory(workspace.Combine(".git"));
        File.WriteAllText(workspace.Combine(".git", "config"), "[core]\n");
        var path = workspace.Combine(relative.Split('/'));
        await RefusedAsync(() => WriteAsync(path, "[core]\n\tfsmonitor = touch /tmp/pwned\n"), ErrorCodes.PathOutsideWorkspace);
        await RefusedAsync(() => ReadAsync(path), ErrorCodes.PathOutsideWorkspace);
        Assert.Equal("[core]\n", File.ReadAllText(workspace.Combine(".git", "config")));
    }

    [Fact]
    public async Task A_link_to_the_git_directory_is_refused_as_well()
    {
        Directory.CreateDirectory(workspace.Combine(".git"));
        Directory.CreateSymbolicLink(workspace.Combine("g"), workspace.Combine(".git"));
        await RefusedAsync(() => WriteAsync(workspace.Combine("g", "config"), "x"), ErrorCodes.PathOutsideWorkspace);
        Assert.False(File.Exists(workspace.Combine(".git", "config")));
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_instead_of_blocking_the_read_or_the_write()
    {
        var fifo = SpecialFiles.Fifo(workspace.Combine("pipe"));
        await RefusedAsync(() => ReadAsync(fifo), ErrorCodes.InvalidParams);
        await RefusedAsync(() => WriteAsync(fifo, "x"), ErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task Line_and_limit_return_just_those_lines()
    {
        File.WriteAllText(workspace.Combine("l.txt"), "one\ntwo\nthree\nfour\n");
        Assert.Equal("two\nthree", await ReadAsync(workspace.Combine("l.txt"), line: 2, limit: 2));
        Assert.Equal("three\nfour\n", await ReadAsync(workspace.Combine("l.txt"), line: 3));
        Assert.Equal("one\ntwo\nthree\nfour\n", await ReadAsync(workspace.Combine("l.txt")));
    }

    [Fact]
    public async Task A_huge_file_is_refused_whole_but_its_first_lines_can_be_read()
    {
        var huge = SpecialFiles.Sparse(workspace.Combine("huge.log"), "first\nsecond\n", AcpWorkspace.MaxReadBytes + 1024);
        var error = await RefusedAsync(() => ReadAsync(huge), ErrorCodes.InvalidParams);
        Assert.Contains("bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("first\nsecond", await ReadAsync(huge, line: 1, limit: 2));

        // One endless line is cut off at the ceiling, not read into memory whole.
        await RefusedAsync(() => ReadAsync(huge, line: 3, limit: 1), ErrorCodes.InvalidParams);
    }
}

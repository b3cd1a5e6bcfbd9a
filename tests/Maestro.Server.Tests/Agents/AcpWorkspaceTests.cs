using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Errors;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Agents;

/// <summary>ACP fs/* requests are served only inside the session's folder.</summary>
public sealed class AcpWorkspaceTests : IDisposable
{
    private readonly TempDirectory root = new("acp-ws");

    public void Dispose() => root.Dispose();

    [Fact]
    public void Paths_inside_are_allowed_even_when_not_yet_created()
    {
        var workspace = new AcpWorkspace(root.Path);
        Assert.Equal(root.Combine("a", "b.txt"), workspace.Contain(root.Combine("a", "b.txt")));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("relative.txt")]
    [InlineData("")]
    public void Paths_elsewhere_or_relative_are_refused(string path)
    {
        var error = Assert.Throws<MaestroException>(() => new AcpWorkspace(root.Path).Contain(path));
        Assert.Equal(ErrorCodes.PathOutsideWorkspace, error.Code);
    }

    [Fact]
    public void Dot_dot_and_symlinks_that_lead_out_are_refused()
    {
        var workspace = new AcpWorkspace(root.Path);
        Assert.Throws<MaestroException>(() => workspace.Contain(root.Combine("..", "escape.txt")));
        using var outside = new TempDirectory("acp-out");
        Directory.CreateSymbolicLink(root.Combine("link"), outside.Path);
        Assert.Throws<MaestroException>(() => workspace.Contain(root.Combine("link", "secret.txt")));
    }
}

using System.Text;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Files;
using Maestro.Server.Git;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// The folder an ACP agent may read and write through <c>fs/*</c>: the session's folder or worktree. Every component
/// of a path is resolved (a link anywhere, to a folder or a file, is followed to where it really leads) before the
/// containment check; the file itself is then opened without following a link, and only if it is a regular file.
/// Nothing inside a git directory (<c>.git</c>, any case) is served: a planted <c>.git/config</c> would run its
/// commands in Maestro's and the user's next git call.
/// </summary>
public sealed class AcpWorkspace
{
    /// <summary>The largest file fs/read_text_file reads, and the most text it answers with.</summary>
    public const long MaxReadBytes = 8 * 1024 * 1024;

    /// <summary>ACP's own code for a missing file (its schema's resource_not_found), answered to the agent.</summary>
    private const int AcpResourceNotFound = -32002;

    private readonly string root;

    public AcpWorkspace(string root)
    {
        this.root = RealPath.Resolve(root).TrimEnd(Path.DirectorySeparatorChar);
    }

    /// <summary>The path with every link resolved, if it lies inside the workspace and outside any git directory; throws PathOutsideWorkspace otherwise.</summary>
    public string Contain(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw Outside(path, "ACP paths must be absolute.");
        }

        var full = Path.GetFullPath(path);
        string resolved;
        try
        {
            resolved = RealPath.Resolve(full);
        }
        catch (IOException ex)
        {
            throw Outside(path, ex.Message);
        }

        if (!RealPath.IsUnder(resolved, root) || resolved == root)
        {
            throw Outside(path, $"Only files inside {root} can be read or written.");
        }

        if (InGitDirectory(Path.GetRelativePath(root, resolved)) || (RealPath.IsUnder(full, root) && InGitDirectory(Path.GetRelativePath(root, full))))
        {
            throw Outside(path, "Files inside a git directory (.git) are never read or written through ACP.");
        }

        return resolved;
    }

    /// <summary>
    /// fs/read_text_file: the text of a regular file inside the workspace, from 1-based <paramref name="line"/> for at
    /// most <paramref name="limit"/> lines, reading no further than needed.
    /// </summary>
    public async Task<string> ReadTextAsync(string path, long? line, long? limit, CancellationToken cancellationToken)
    {
        var contained = Contain(path);
        var whole = line is null or <= 0 && limit is null or <= 0;
        await using var stream = Open(path, () => RegularFile.OpenRead(contained, whole ? MaxReadBytes : long.MaxValue));
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await LineWindow.ReadAsync(reader, Math.Max(1, line ?? 1), limit is > 0 ? limit.Value : long.MaxValue, MaxReadBytes, path, cancellationToken);
    }

    /// <summary>fs/write_text_file: writes a regular file inside the workspace (its folders created); true when it existed.</summary>
    public async Task<(string Path, bool Existed)> WriteTextAsync(string path, string content, CancellationToken cancellationToken)
    {
        var contained = Contain(path);
        var existed = Open(path, () => RegularFile.Check(contained, mustExist: false, long.MaxValue)) is not null;
        Directory.CreateDirectory(Path.GetDirectoryName(contained)!);

        // The folders were created below a resolved, contained parent; check again that nothing was swapped since.
        if (Contain(path) != contained)
        {
            throw Outside(path, "A folder on the way changed while it was being written.");
        }

        await using var stream = Open(path, () => RegularFile.OpenWrite(contained));
        stream.SetLength(0);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        await stream.WriteAsync(bytes, cancellationToken);
        return (contained, existed);
    }

    private static bool InGitDirectory(string relative)
        => relative.Split(Path.DirectorySeparatorChar).Any(c => string.Equals(c, ".git", StringComparison.OrdinalIgnoreCase));

    private static T Open<T>(string path, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (UnsafeFileException ex)
        {
            throw new InvalidParamsException(ex.Message, ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new MaestroException(AcpResourceNotFound, "resourceNotFound", $"'{path}' does not exist.", null, ex);
        }
    }

    private static MaestroException Outside(string path, string why)
        => new(ErrorCodes.PathOutsideWorkspace, ErrorKinds.PathOutsideWorkspace, $"'{path}' is outside the session's workspace. {why}", new ErrorData { Kind = ErrorKinds.PathOutsideWorkspace, Path = path });
}

using System.Text;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Git;
using Maestro.Server.Rpc;

namespace Maestro.Server.Files;

/// <summary>
/// Reads a file of a git working tree for a client that cannot (the editor showing a host's file as a read-only
/// document). Only a regular file inside the working tree is read, never one in the git directory or reached through a
/// link pointing out; this is the same containment review applies to its paths.
/// </summary>
public sealed class WorkingFileReader
{
    /// <summary>Above this the editor is better served by the user's own tools than by a copy over the wire.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    private const int BinaryProbeBytes = 8000;

    private readonly RepositoryLocator locator;

    public WorkingFileReader(RepositoryLocator locator)
    {
        this.locator = locator;
    }

    public async Task<FilesReadResult> ReadAsync(FilesReadParams request, CancellationToken cancellationToken)
    {
        var cwd = RequestPath.Absolute(request.Cwd, "cwd");
        var asked = RequestPath.AbsoluteAgainst(request.Path, cwd, "path");
        var repository = locator.Locate(cwd);
        var relative = RepositoryLocator.ToRelative(repository, asked);
        if (relative.Length == 0)
        {
            throw new InvalidParamsException($"'{asked}' is the working tree's folder; give a file inside it.");
        }

        // A link inside the tree is followed to its target, which ToRelative has checked lies inside the tree too.
        var file = RealPath.Resolve(repository.Absolute(relative));
        byte[] bytes;
        try
        {
            await using var stream = RegularFile.OpenRead(file, MaxBytes);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }
        catch (FileNotFoundException)
        {
            throw new InvalidParamsException($"'{asked}' does not exist (it may have been deleted or renamed).");
        }
        catch (UnsafeFileException e)
        {
            throw new InvalidParamsException(e.Message);
        }

        var binary = Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, BinaryProbeBytes)) >= 0;
        return new FilesReadResult
        {
            Path = asked,
            Binary = binary,
            Size = bytes.LongLength,
            Content = binary ? null : new UTF8Encoding(false, false).GetString(bytes),
        };
    }
}

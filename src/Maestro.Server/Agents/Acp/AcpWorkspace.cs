using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Agents.Acp;

/// <summary>The folder an ACP agent may read and write through <c>fs/*</c>: the session's folder or worktree, symlinks resolved.</summary>
public sealed class AcpWorkspace
{
    private readonly string root;

    public AcpWorkspace(string root)
    {
        this.root = Canonical(Path.GetFullPath(root));
    }

    /// <summary>The path, if it lies inside the workspace once symlinks are followed; throws PathOutsideWorkspace otherwise.</summary>
    public string Contain(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw Outside(path, "ACP paths must be absolute.");
        }

        var full = Canonical(Path.GetFullPath(path));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (full != root && !full.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw Outside(path, $"Only files inside {root} can be read or written.");
        }

        return full;
    }

    /// <summary>Resolves symlinks in every existing component of the path, so a link cannot lead out.</summary>
    private static string Canonical(string path)
    {
        var existing = path;
        var rest = new Stack<string>();
        while (!File.Exists(existing) && !Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return path;
            }

            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }

        var info = new FileInfo(existing);
        var resolved = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName : ResolveDirectory(existing);
        return rest.Aggregate(resolved, Path.Combine);
    }

    private static string ResolveDirectory(string directory)
    {
        var parent = Path.GetDirectoryName(directory);
        var resolvedParent = parent is null ? directory : ResolveDirectory(parent);
        var here = parent is null ? directory : Path.Combine(resolvedParent, Path.GetFileName(directory));
        var target = new DirectoryInfo(here).ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? here;
    }

    private static MaestroException Outside(string path, string why)
        => new(ErrorCodes.PathOutsideWorkspace, ErrorKinds.PathOutsideWorkspace, $"'{path}' is outside the session's workspace. {why}", new ErrorData { Kind = ErrorKinds.PathOutsideWorkspace, Path = path });
}

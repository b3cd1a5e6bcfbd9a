namespace Maestro.Server.Processes;

/// <summary>Finds a command on PATH the way a shell would (cmd.exe's PATHEXT rules on Windows).</summary>
public static class ExecutableLocator
{
    public static string? Find(string command) => Find(command, HostPlatform.Current);

    public static string? Find(string command, HostPlatform platform)
    {
        var extensions = platform.ExecutableExtensions;
        if (platform.IsPath(command))
        {
            if (platform.IsExecutableFile(command))
            {
                return platform.IsWindows ? command : Path.GetFullPath(command);
            }

            // On Windows `C:\tools\claude` means claude.cmd or claude.exe there, as in cmd.exe.
            return platform.IsWindows ? extensions.Select(e => command + e).FirstOrDefault(platform.IsExecutableFile) : null;
        }

        // A command that already names its extension (`claude.cmd`) is looked up as is first.
        var names = platform.IsWindows && HasExecutableExtension(command, extensions) ? [command, .. extensions.Select(e => command + e)] : extensions.Select(e => command + e).ToArray();
        foreach (var directory in platform.PathValue.Split(platform.PathListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // PATH entries may be quoted on Windows ("C:\Program Files\nodejs").
            var unquoted = platform.IsWindows ? directory.Trim('"') : directory;
            foreach (var name in names)
            {
                var candidate = platform.Combine(unquoted, name);
                if (platform.IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool HasExecutableExtension(string command, IReadOnlyList<string> extensions)
        => extensions.Any(e => command.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}

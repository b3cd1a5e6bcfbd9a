namespace Maestro.Server.Processes;

/// <summary>
/// What differs between Windows and Unix when a command is looked up and started: path rules, PATH and PATHEXT, and
/// how a file is found executable. <see cref="Current"/> is this machine; tests build a Windows one to check the
/// Windows code paths (drive letters, <c>\</c>, PATHEXT, npm's <c>.cmd</c> shims) on Linux.
/// </summary>
public sealed record HostPlatform(bool IsWindows, string? PathVariable, string? PathExtVariable, Func<string, bool> IsExecutableFile)
{
    public static HostPlatform Current { get; } = new(
        OperatingSystem.IsWindows(),
        null,
        null,
        IsExecutableOnThisMachine);

    /// <summary>PATH: the one given, else this process's.</summary>
    public string PathValue => PathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;

    public char PathListSeparator => IsWindows ? ';' : ':';

    /// <summary>The extensions a bare command may carry: PATHEXT on Windows (cmd.exe's default when unset), none elsewhere.</summary>
    public IReadOnlyList<string> ExecutableExtensions => IsWindows
        ? (PathExtVariable ?? Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [string.Empty];

    /// <summary>Whether a command names a file (a path with a separator, or rooted: <c>C:\x</c>, <c>\\server\x</c>, <c>/x</c>).</summary>
    public bool IsPath(string command)
        => IsWindows
            ? command.Contains('\\', StringComparison.Ordinal) || command.Contains('/', StringComparison.Ordinal) || (command.Length >= 2 && command[1] == ':')
            : command.Contains('/', StringComparison.Ordinal);

    public string Combine(string directory, string file)
    {
        var separator = IsWindows ? '\\' : '/';
        return directory.EndsWith(separator) || (IsWindows && directory.EndsWith('/')) ? directory + file : directory + separator + file;
    }

    private static bool IsExecutableOnThisMachine(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}

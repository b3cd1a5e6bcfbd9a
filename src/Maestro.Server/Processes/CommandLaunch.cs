using System.Text.RegularExpressions;

namespace Maestro.Server.Processes;

/// <summary>
/// The program and arguments that really start a command. npm installs a CLI on Windows as a <c>.cmd</c> shim
/// (<c>claude.cmd</c>) that CreateProcess cannot start by itself: it runs through <c>cmd.exe /d /s /c "…"</c> with a
/// command line built verbatim (<see cref="RawArguments"/>), escaped the way cross-spawn (what npm itself uses) does
/// it, so a prompt holding <c>&amp;</c>, <c>%</c> or quotes reaches the agent as written. Elsewhere, and for an
/// <c>.exe</c>, the command starts as is with <see cref="Arguments"/>.
/// </summary>
public sealed partial record CommandLaunch(string Executable, IReadOnlyList<string> Arguments, string? RawArguments = null)
{
    public static CommandLaunch For(string executable, IReadOnlyList<string> arguments)
        => For(executable, arguments, HostPlatform.Current, Environment.GetEnvironmentVariable("ComSpec"));

    public static CommandLaunch For(string executable, IReadOnlyList<string> arguments, HostPlatform platform, string? comSpec)
    {
        if (!platform.IsWindows || !IsBatchFile(executable))
        {
            return new CommandLaunch(executable, arguments);
        }

        // cmd.exe parses the line once, and the shim's %* makes it parse the arguments a second time: they are
        // escaped twice, the shim's path once.
        var line = string.Join(' ', new[] { Meta().Replace(executable, "^$1") }.Concat(arguments.Select(a => EscapeArgument(a, doubleEscape: true))));
        return new CommandLaunch(string.IsNullOrEmpty(comSpec) ? "cmd.exe" : comSpec, [], $"/d /s /c \"{line}\"");
    }

    /// <summary>The CliWrap command that starts it (arguments verbatim when cmd.exe needs them so).</summary>
    public CliWrap.Command Wrap()
        => RawArguments is null ? CliWrap.Cli.Wrap(Executable).WithArguments(Arguments) : CliWrap.Cli.Wrap(Executable).WithArguments(RawArguments);

    public static bool IsBatchFile(string executable)
        => executable.EndsWith(".cmd", StringComparison.OrdinalIgnoreCase) || executable.EndsWith(".bat", StringComparison.OrdinalIgnoreCase);

    /// <summary>MSVCRT quoting (backslashes before a quote doubled, the quote as \"), then every cmd.exe metacharacter behind ^.</summary>
    public static string EscapeArgument(string argument, bool doubleEscape)
    {
        var quoted = "\"" + TrailingBackslashes().Replace(BackslashesBeforeQuote().Replace(argument, m => m.Groups[1].Value + m.Groups[1].Value + "\\\""), m => m.Value + m.Value) + "\"";
        var escaped = Meta().Replace(quoted, "^$1");
        return doubleEscape ? Meta().Replace(escaped, "^$1") : escaped;
    }

    [GeneratedRegex("""([()\][%!^"`<>&|;, *?])""")]
    private static partial Regex Meta();

    [GeneratedRegex(@"(\\*)""")]
    private static partial Regex BackslashesBeforeQuote();

    [GeneratedRegex("""\\+$""")]
    private static partial Regex TrailingBackslashes();
}

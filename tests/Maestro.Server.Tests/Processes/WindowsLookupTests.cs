using Maestro.Server.Processes;

namespace Maestro.Server.Tests.Processes;

/// <summary>
/// The Windows code paths of command lookup and start, run here on Windows-style inputs: drive letters and <c>\</c>,
/// PATHEXT, quoted PATH entries and the <c>.cmd</c> shims npm installs for agent CLIs. The files "exist" through the
/// platform's injected probe (a set of paths): the boundary is the Windows file system we cannot have here.
/// </summary>
public sealed class WindowsLookupTests
{
    private const string NpmBin = @"C:\Users\dev\AppData\Roaming\npm";

    private static HostPlatform Windows(string path, IEnumerable<string> files, string? pathExt = ".COM;.EXE;.BAT;.CMD")
    {
        var existing = new HashSet<string>(files, StringComparer.OrdinalIgnoreCase);
        return new HostPlatform(IsWindows: true, PathVariable: path, PathExtVariable: pathExt, IsExecutableFile: existing.Contains);
    }

    // Windows paths compare without case: the found path carries PATHEXT's spelling (claude.CMD), as cmd.exe's would.
    [Fact]
    public void An_npm_installed_cli_is_found_as_its_cmd_shim_through_PATHEXT()
    {
        var platform = Windows(@"C:\Windows\system32;" + NpmBin, [NpmBin + @"\claude", NpmBin + @"\claude.cmd", NpmBin + @"\claude.ps1"]);

        // The extensionless file is npm's sh script for Git Bash: cmd.exe would not run it, PATHEXT order picks .cmd.
        Assert.Equal(NpmBin + @"\claude.cmd", ExecutableLocator.Find("claude", platform), ignoreCase: true);
    }

    [Fact]
    public void PATHEXT_order_wins_within_a_folder_and_folders_are_searched_in_PATH_order()
    {
        var platform = Windows(@"C:\first;C:\second", [@"C:\second\codex.exe", @"C:\first\codex.cmd", @"C:\second\codex.cmd"]);

        Assert.Equal(@"C:\first\codex.cmd", ExecutableLocator.Find("codex", platform), ignoreCase: true);
        Assert.Equal(@"C:\second\codex.exe", ExecutableLocator.Find("codex", Windows(@"C:\second", [@"C:\second\codex.exe", @"C:\second\codex.cmd"])), ignoreCase: true);
    }

    [Fact]
    public void Quoted_PATH_entries_with_spaces_and_trailing_separators_are_understood()
    {
        var platform = Windows(@"""C:\Program Files\nodejs"";C:\Tools\;;", [@"C:\Program Files\nodejs\node.exe", @"C:\Tools\git.exe"]);

        Assert.Equal(@"C:\Program Files\nodejs\node.exe", ExecutableLocator.Find("node", platform), ignoreCase: true);
        Assert.Equal(@"C:\Tools\git.exe", ExecutableLocator.Find("git", platform), ignoreCase: true);
    }

    [Fact]
    public void A_drive_letter_path_is_a_path_not_a_command_and_may_leave_out_its_extension()
    {
        var platform = Windows(NpmBin, [@"D:\agents\gemini.cmd", @"D:\agents\opencode.exe"]);

        Assert.Equal(@"D:\agents\gemini.cmd", ExecutableLocator.Find(@"D:\agents\gemini", platform), ignoreCase: true);
        Assert.Equal(@"D:\agents\opencode.exe", ExecutableLocator.Find(@"D:\agents\opencode.exe", platform), ignoreCase: true);
        // Forward slashes work on Windows too; the path comes back as the user wrote it.
        Assert.Equal("D:/agents/opencode.exe", ExecutableLocator.Find("D:/agents/opencode", Windows(NpmBin, ["D:/agents/opencode.exe"])), ignoreCase: true);
        Assert.Null(ExecutableLocator.Find(@"D:\agents\missing", platform));
    }

    [Fact]
    public void A_command_naming_its_extension_is_found_as_is_and_PATHEXT_is_case_insensitive()
    {
        var platform = Windows(NpmBin, [NpmBin + @"\claude-agent-acp.CMD"], pathExt: ".exe;.cmd");

        Assert.Equal(NpmBin + @"\claude-agent-acp.cmd", ExecutableLocator.Find("claude-agent-acp.cmd", platform), ignoreCase: true);
        Assert.Equal(NpmBin + @"\claude-agent-acp.cmd", ExecutableLocator.Find("claude-agent-acp", platform), ignoreCase: true);
    }

    [Fact]
    public void Without_PATHEXT_the_cmd_exe_default_applies()
    {
        var platform = new HostPlatform(true, NpmBin, PathExtVariable: null, IsExecutableFile: p => string.Equals(p, NpmBin + @"\codex.cmd", StringComparison.OrdinalIgnoreCase));
        var pathExt = Environment.GetEnvironmentVariable("PATHEXT");

        // This machine is not Windows: PATHEXT is unset here, so the default is what is used.
        Assert.Null(pathExt);
        Assert.Equal(NpmBin + @"\codex.cmd", ExecutableLocator.Find("codex", platform), ignoreCase: true);
    }

    [Fact]
    public void A_missing_command_is_null_on_Windows_and_Unix_alike()
    {
        Assert.Null(ExecutableLocator.Find("claude", Windows(NpmBin, [])));
        Assert.Null(ExecutableLocator.Find("claude", new HostPlatform(false, "/usr/bin:/bin", null, _ => false)));
    }

    [Fact]
    public void Unix_lookup_ignores_PATHEXT_and_backslashes_are_part_of_a_name()
    {
        var platform = new HostPlatform(false, "/opt/a:/usr/local/bin", ".CMD", p => p is "/usr/local/bin/claude" or "/usr/local/bin/claude.cmd");

        Assert.Equal("/usr/local/bin/claude", ExecutableLocator.Find("claude", platform), ignoreCase: true);
        Assert.False(platform.IsPath(@"dir\claude"));
        Assert.False(platform.IsPath("claude"));
        Assert.True(platform.IsPath("./claude"));
    }

    [Fact]
    public void A_cmd_shim_starts_through_cmd_exe_with_a_verbatim_command_line_escaped_for_it()
    {
        var platform = Windows(NpmBin, []);

        var launch = CommandLaunch.For(@"C:\Program Files\nodejs\claude.cmd", ["-p", "fix & say \"hi\" 100%"], platform, @"C:\Windows\system32\cmd.exe");

        Assert.Equal(@"C:\Windows\system32\cmd.exe", launch.Executable);
        Assert.Empty(launch.Arguments);
        // The path escaped once (its space behind ^), each argument quoted MSVCRT-style then escaped twice (the shim's %* re-parses it).
        Assert.Equal(
            "/d /s /c \"C:\\Program^ Files\\nodejs\\claude.cmd ^^^\"-p^^^\" ^^^\"fix^^^ ^^^&^^^ say^^^ \\^^^\"hi\\^^^\"^^^ 100^^^%^^^\"\"",
            launch.RawArguments);
    }

    [Fact]
    public void Trailing_backslashes_are_doubled_so_the_closing_quote_stays_a_quote()
    {
        Assert.Equal("^\"C:\\dir\\\\^\"", CommandLaunch.EscapeArgument(@"C:\dir\", doubleEscape: false));
    }

    [Fact]
    public void Exe_files_and_every_Unix_command_start_as_they_are()
    {
        var windows = Windows(NpmBin, []);
        var unix = new HostPlatform(false, "/usr/bin", null, _ => true);

        Assert.Equal(@"C:\tools\codex.exe", CommandLaunch.For(@"C:\tools\codex.exe", ["exec"], windows, null).Executable);
        Assert.Null(CommandLaunch.For(@"C:\tools\codex.exe", ["exec"], windows, null).RawArguments);
        Assert.Equal(["exec"], CommandLaunch.For(@"C:\tools\codex.exe", ["exec"], windows, null).Arguments);
        Assert.Equal("cmd.exe", CommandLaunch.For(@"C:\tools\codex.BAT", [], windows, comSpec: null).Executable);
        var onUnix = CommandLaunch.For("/usr/bin/claude.cmd", ["-p", "x"], unix, null);
        Assert.Equal("/usr/bin/claude.cmd", onUnix.Executable);
        Assert.Equal(["-p", "x"], onUnix.Arguments);
    }
}

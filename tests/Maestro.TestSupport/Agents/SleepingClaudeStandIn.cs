namespace Maestro.TestSupport.Agents;

/// <summary>
/// A STAND-IN for Claude Code, not the real CLI: it prints Claude's init line, so the turn is running, then works
/// "forever" (10 minutes) the way an agent with a Bash tool does: a child process, and a grandchild that a
/// subshell left behind (reparented away from the agent, as a background job of a tool is). Each writes its pid to
/// <c>$SLEEPER_PIDS/agent</c>, <c>child</c> and <c>orphan</c>, so tests can watch them live and die.
/// </summary>
public static class SleepingClaudeStandIn
{
    public const string Script = """
        #!/bin/sh
        # STAND-IN for Claude Code (Maestro tests only): a turn that never ends by itself.
        # Maestro's version probe is answered at once, as the real CLI does (a probe left sleeping outlives the test).
        if [ "$1" = "--version" ]; then echo "2.0.0 (Claude Code stand-in)"; exit 0; fi
        printf '{"type":"system","subtype":"init","session_id":"sleeper-%s","cwd":"%s"}\n' "$$" "$PWD"
        ( sleep 600 & echo $! > "$SLEEPER_PIDS/orphan.tmp"; mv "$SLEEPER_PIDS/orphan.tmp" "$SLEEPER_PIDS/orphan" )
        sleep 600 &
        echo $! > "$SLEEPER_PIDS/child.tmp"; mv "$SLEEPER_PIDS/child.tmp" "$SLEEPER_PIDS/child"
        echo $$ > "$SLEEPER_PIDS/agent.tmp"; mv "$SLEEPER_PIDS/agent.tmp" "$SLEEPER_PIDS/agent"
        wait
        """;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path.</summary>
    public static string Create(string folder)
    {
        var path = Path.Combine(folder, "sleeping-claude-standin.sh");
        File.WriteAllText(path, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}

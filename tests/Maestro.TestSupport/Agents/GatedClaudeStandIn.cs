namespace Maestro.TestSupport.Agents;

/// <summary>
/// A STAND-IN for Claude Code, not the real CLI: each turn prints Claude's init line, writes its pid to
/// <c>$GATES/&lt;prompt&gt;.pid</c>, then waits at the gate <c>$GATES/&lt;prompt&gt;</c> (a FIFO the test made) until the
/// test writes a line to it, and ends the turn normally, saying "passed &lt;prompt&gt;". The prompt must be a plain file name.
/// Tests hold a turn open for exactly as long as they need, with no sleep on either side.
/// </summary>
public static class GatedClaudeStandIn
{
    public const string Script = """
        #!/bin/sh
        # STAND-IN for Claude Code (Maestro tests only): a turn that ends when the test opens its gate.
        # The prompt is the last argument (after --, as Maestro passes it); the version probe is answered at once.
        if [ "$1" = "--version" ]; then echo "2.0.0 (Claude Code stand-in)"; exit 0; fi
        for prompt; do :; done
        sid="gated-$$"
        printf '{"type":"system","subtype":"init","session_id":"%s","cwd":"%s"}\n' "$sid" "$PWD"
        echo $$ > "$GATES/$prompt.pid.tmp"; mv "$GATES/$prompt.pid.tmp" "$GATES/$prompt.pid"
        read -r _ < "$GATES/$prompt"
        printf '{"type":"assistant","session_id":"%s","message":{"content":[{"type":"text","text":"passed %s"}]}}\n' "$sid" "$prompt"
        printf '{"type":"result","subtype":"success","is_error":false,"result":"Done.","session_id":"%s","total_cost_usd":0,"usage":{"input_tokens":1,"output_tokens":1}}\n' "$sid"
        """;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path.</summary>
    public static string Create(string folder)
    {
        var path = Path.Combine(folder, "gated-claude-standin.sh");
        File.WriteAllText(path, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Makes the gate of the turn prompted <paramref name="prompt"/> (a FIFO in <paramref name="gates"/>).</summary>
    public static void MakeGate(string gates, string prompt) => SpecialFiles.Fifo(Path.Combine(gates, prompt));

    /// <summary>
    /// Lets the turn prompted <paramref name="prompt"/> end. Opening a FIFO to write blocks until its reader opens it,
    /// so this runs off the test's thread and gives up after <paramref name="timeout"/> (the stand-in died first).
    /// </summary>
    public static async Task OpenGateAsync(string gates, string prompt, TimeSpan timeout)
        => await Task.Run(() => File.WriteAllText(Path.Combine(gates, prompt), "go\n")).WaitAsync(timeout);
}

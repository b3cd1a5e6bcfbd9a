namespace Maestro.TestSupport.Agents;

/// <summary>
/// A STAND-IN for Claude Code, not the real CLI: a shell script that prints the two stream-json lines Maestro
/// needs (init, result) and ticks the task's box with sed, found from the runner's default prompt. It lets runner
/// tests and the runner-overhead bench run in milliseconds. Markers in a task's text change what it does:
/// (leave) never ticks; (flaky) ticks on the second try; (wrong) ticks the next line's box instead; (rewrite)
/// replaces the whole document; (slow) sleeps 60 s first; (slow-once) sleeps only the first time;
/// (user-edit) ticks, then adds a line at the top and a new task at the end, as a user editing would;
/// (costly) reports a cost of $1; (halt) leaves its box and appends a halt marker, as an agent that cannot go on;
/// (stderr) writes two warnings to stderr, one with a key in it.
/// </summary>
public static class ClaudeStandIn
{
    public const string Script = """
        #!/bin/sh
        # STAND-IN for Claude Code (Maestro tests and benchmarks only).
        # The prompt is the last argument (after --, as Maestro passes it).
        for prompt; do :; done
        doc=$(printf '%s\n' "$prompt" | sed -n 's/^Document: //p' | head -n 1)
        line=$(printf '%s\n' "$prompt" | sed -n 's/^Your task (line \([0-9]*\) of the document): .*/\1/p' | head -n 1)
        task=$(printf '%s\n' "$prompt" | sed -n 's/^Your task (line [0-9]* of the document): //p' | head -n 1)
        cost=0.01
        marker="$doc.$line.tried"
        tick() { sed -i "$1s/\[ \]/[x]/" "$doc"; }
        case "$task" in
          *"(stderr)"*) printf 'warning: the model is slow, retrying (1/3)\nwarning: using the key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123\n' >&2 ;;
          *"(leave)"*) ;;
          *"(flaky)"*) if [ -e "$marker" ]; then tick "$line"; else : > "$marker"; fi ;;
          *"(wrong)"*) tick $((line + 1)) ;;
          *"(rewrite)"*) printf '# Rewritten by the agent\n\nAll done, trust me.\n' > "$doc" ;;
          *"(slow-once)"*) if [ -e "$marker" ]; then tick "$line"; else : > "$marker"; sleep 60; fi ;;
          *"(slow)"*) sleep 60; tick "$line" ;;
          *"(user-edit)"*) tick "$line"; sed -i '1i Intro added by the user.' "$doc"; printf -- '- [ ] Added by the user\n' >> "$doc" ;;
          *"(costly)"*) cost=1.0; tick "$line" ;;
          *"(halt)"*) printf '\n<!-- maestro:halt: the stand-in was told to halt -->\n' >> "$doc" ;;
          *) tick "$line" ;;
        esac
        sid="standin-$$"
        printf '{"type":"system","subtype":"init","session_id":"%s","cwd":"%s"}\n' "$sid" "$PWD"
        printf '{"type":"result","subtype":"success","is_error":false,"result":"Done.","session_id":"%s","total_cost_usd":%s,"usage":{"input_tokens":100,"output_tokens":10}}\n' "$sid" "$cost"
        """;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path.</summary>
    public static string Create(string folder)
    {
        var path = Path.Combine(folder, "claude-standin.sh");
        File.WriteAllText(path, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}

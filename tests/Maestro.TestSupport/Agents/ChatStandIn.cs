namespace Maestro.TestSupport.Agents;

/// <summary>
/// A STAND-IN for Claude Code in group chat tests, not the real CLI: a shell script that finds in the room's prompt
/// who it is (<c>You are @alias</c>, or the moderator) and answers with the next line of <c>replies/&lt;alias&gt;</c>
/// beside the script (removing it), or "Reply from @alias." when none is left. A line starting "SLOW " sleeps 60 s
/// first (to be cancelled). Every prompt it gets is appended to <c>prompts/&lt;alias&gt;</c>, so tests see what each
/// participant was told. Replies must not hold double quotes or backslashes (they are printed into JSON as they are).
/// </summary>
public static class ChatStandIn
{
    public const string Script = """
        #!/bin/sh
        # STAND-IN for Claude Code in group chat (Maestro tests and benchmarks only).
        for prompt; do :; done
        dir=$(dirname "$0")
        alias=$(printf '%s\n' "$prompt" | sed -n 's/^You are @\([A-Za-z0-9_-]*\) in the group chat room.*/\1/p' | head -n 1)
        case "$prompt" in
          *"You moderate the group chat"*|*"Your last reply named no participant"*) alias=moderator ;;
        esac
        [ -n "$alias" ] || alias=unknown
        mkdir -p "$dir/prompts" "$dir/replies"
        printf '%s\n----\n' "$prompt" >> "$dir/prompts/$alias"
        reply="Reply from @$alias."
        file="$dir/replies/$alias"
        if [ -s "$file" ]; then
          reply=$(head -n 1 "$file")
          sed -i '1d' "$file"
        fi
        case "$reply" in
          "SLOW "*) reply=${reply#SLOW }; sleep 60 ;;
        esac
        sid="chat-standin-$$"
        printf '{"type":"system","subtype":"init","session_id":"%s","cwd":"%s"}\n' "$sid" "$PWD"
        printf '{"type":"assistant","message":{"content":[{"type":"text","text":"%s"}]},"session_id":"%s"}\n' "$reply" "$sid"
        printf '{"type":"result","subtype":"success","is_error":false,"result":"%s","session_id":"%s","total_cost_usd":0.001,"usage":{"input_tokens":10,"output_tokens":5}}\n' "$reply" "$sid"
        """;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path.</summary>
    public static string Create(string folder)
    {
        var path = Path.Combine(folder, "claude-chat-standin.sh");
        File.WriteAllText(path, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.CreateDirectory(Path.Combine(folder, "replies"));
        Directory.CreateDirectory(Path.Combine(folder, "prompts"));
        return path;
    }

    /// <summary>Queues the replies <paramref name="alias"/> gives, one per turn, in order.</summary>
    public static void Queue(string folder, string alias, params string[] replies)
        => File.AppendAllLines(Path.Combine(folder, "replies", alias), replies);

    /// <summary>Every prompt <paramref name="alias"/> got, in order.</summary>
    public static IReadOnlyList<string> Prompts(string folder, string alias)
    {
        var path = Path.Combine(folder, "prompts", alias);
        return File.Exists(path) ? File.ReadAllText(path).Split("\n----\n", StringSplitOptions.RemoveEmptyEntries) : [];
    }
}

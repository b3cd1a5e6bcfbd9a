using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// The slash commands <c>maestro acp</c> answers itself instead of sending the prompt to the backend, advertised with
/// <c>available_commands_update</c> so the editor offers them after "/". Only commands that work are advertised.
/// </summary>
public static class AcpCommands
{
    public const string Sessions = "sessions";
    public const string Agent = "agent";
    public const string Playbook = "playbook";
    public const string Stop = "stop";
    public const string Worktree = "worktree";
    public const string Room = "room";

    private static readonly string[] Known = [Sessions, Agent, Playbook, Stop, Worktree, Room];

    public static JsonObject AvailableCommandsUpdate() => new()
    {
        ["sessionUpdate"] = AcpWire.Updates.AvailableCommandsUpdate,
        ["availableCommands"] = new JsonArray(
            new JsonObject
            {
                ["name"] = Sessions,
                ["description"] = "List Maestro's sessions (this editor's, VS Code's, the CLI's); resume one by loading it (session/load).",
            },
            new JsonObject
            {
                ["name"] = Agent,
                ["description"] = "Switch this session's backend agent for the next turn (a fresh conversation with it); without a name, list the agents.",
                ["input"] = new JsonObject { ["hint"] = "claude-code, codex, opencode, gemini or acp:NAME" },
            },
            new JsonObject
            {
                ["name"] = Playbook,
                ["description"] = "Run a Playbook (a folder or markdown file of tasks) in this session's folder; its tasks show as a plan that ticks as the run goes.",
                ["input"] = new JsonObject { ["hint"] = "path of the playbook folder or .md file" },
            },
            new JsonObject
            {
                ["name"] = Stop,
                ["description"] = "Stop the Playbook run this session started.",
            },
            new JsonObject
            {
                ["name"] = Worktree,
                ["description"] = "Continue this session in a fresh git worktree on a new branch (made from this folder's HEAD); the next turn starts a fresh conversation there.",
                ["input"] = new JsonObject { ["hint"] = "new branch name" },
            },
            new JsonObject
            {
                ["name"] = Room,
                ["description"] = "Open a group chat with these agents (@claude-code @codex, or @alias=agent); your next prompts go to the room, @mentions pick who answers. `/room` alone leaves it.",
                ["input"] = new JsonObject { ["hint"] = "@alias[=agent] ... [first message]" },
            }),
    };

    /// <summary>The command a prompt calls, or null when the prompt is for the backend.</summary>
    public static string? Called(string prompt)
    {
        var text = prompt.TrimStart();
        if (!text.StartsWith('/'))
        {
            return null;
        }

        var name = text[1..].Split((char[])[' ', '\n', '\t'], 2)[0];
        return Known.Contains(name, StringComparer.Ordinal) ? name : null;
    }

    /// <summary>What follows the command's name, trimmed; empty when nothing does.</summary>
    public static string Argument(string prompt)
    {
        var text = prompt.TrimStart();
        var parts = text[1..].Split((char[])[' ', '\n', '\t'], 2);
        return parts.Length > 1 ? parts[1].Trim() : string.Empty;
    }

    /// <summary>The answer of <c>/sessions</c>: the newest sessions first, one line each, as markdown.</summary>
    public static string SessionList(IReadOnlyList<Session> sessions, int limit = 30)
    {
        if (sessions.Count == 0)
        {
            return "No Maestro sessions yet.";
        }

        var text = new StringBuilder("Maestro sessions, newest first:\n\n");
        foreach (var s in sessions.OrderByDescending(s => s.UpdatedAt).Take(limit))
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{s.Id}` **{s.Name}**: {s.AgentId}, {s.Status.ToString().ToLowerInvariant()}, {s.Worktree ?? s.Cwd} (updated {s.UpdatedAt:yyyy-MM-dd HH:mm} UTC)\n");
        }

        if (sessions.Count > limit)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {sessions.Count - limit} older ones (`maestro sessions list` shows all).\n");
        }

        return text.ToString();
    }
}

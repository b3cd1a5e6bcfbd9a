using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Chat;
using Maestro.Server.Hosting;

namespace Maestro.Server.Cli;

/// <summary><c>maestro chat list|create|post|show</c>: group chat rooms of the per-user daemon (docs/chat.md).</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var command = new Command("chat", "Group chat: list, create, post to or show rooms where several agents talk (through the daemon).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(New());
        command.Subcommands.Add(Post());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the chat/list result)." };
        var command = new Command("list", "List the rooms, newest first.") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var list = await client.InvokeAsync<ChatListResult>(Methods.ChatList, null, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(list, CliJsonContext.Default.ChatListResult));
                return ExitCodes.Ok;
            }

            if (list.Rooms.Count == 0)
            {
                CliNotes.Write("No chat rooms. Create one with 'maestro chat create NAME -p ALIAS=AGENT ...'.");
                return ExitCodes.Ok;
            }

            var table = new CliTable("ID", "STATE", "NAME", "PARTICIPANTS") { Flexible = 2 };
            foreach (var room in list.Rooms)
            {
                table.Add(room.Id, ChatPrinter.State(room.State), room.Name, string.Join(' ', room.Participants.Select(p => "@" + p.Alias)));
            }

            table.Write(CliConsole.Out);

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command New()
    {
        var name = new Argument<string>("name") { Description = "The room's name." };
        var participants = new Option<string[]>("--participant", "-p")
        {
            Description = "A participant as ALIAS=AGENT (a new session of that agent), ALIAS=AGENT@BRANCH (on a new worktree) or ALIAS@HOST=AGENT (its session on that SSH host, 'maestro hosts list'); repeat for each.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var moderator = new Option<string?>("--moderator") { Description = "The agent that decides who answers a message that mentions no one." };
        var maxRounds = new Option<int?>("--max-rounds") { Description = "Agent turns one message may lead to through hand-offs (default 6)." };
        var parallel = new Option<bool>("--parallel") { Description = "Mentioned participants answer at once instead of in the order written." };
        var cwd = new Option<string?>("--cwd") { Description = "The folder the participants work in (default: the current folder)." };
        var json = new Option<bool>("--json") { Description = "Print the room as JSON." };
        var command = new Command("create", "Create a room; each participant is a session of its own. Prints the room id.") { name, participants, moderator, maxRounds, parallel, cwd, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var specs = result.GetValue(participants)!.Select(ParseParticipant).ToList();
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var room = await client.InvokeAsync<Room>(Methods.ChatCreate, new ChatCreateParams
            {
                Name = result.GetValue(name)!,
                Cwd = Path.GetFullPath(result.GetValue(cwd) ?? Environment.CurrentDirectory),
                Participants = specs,
                Moderator = result.GetValue(moderator) is { } agent ? new ChatModerator { AgentId = agent } : null,
                MaxRounds = result.GetValue(maxRounds),
                Parallel = result.GetValue(parallel) ? true : null,
            }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(room, CliJsonContext.Default.Room));
            }
            else
            {
                CliConsole.Out.WriteLine(room.Id);
                CliNotes.Write($"Created {room.Name} with {string.Join(", ", room.Participants.Select(p => $"@{p.Alias} ({p.AgentId}{(p.Host is { } host ? " on " + host : string.Empty)}, {p.SessionId})"))}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Post()
    {
        var room = new Argument<string>("room") { Description = "The room id (chat list shows them)." };
        var text = new Argument<string>("text") { Description = "The message; @alias addresses a participant, @all everyone." };
        var json = new Option<bool>("--json") { Description = "Print each message of the room as a JSON line." };
        var command = new Command("post", "Post a message and print the replies as they arrive, until the room is idle.") { room, text, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var roomId = result.GetValue(room)!;
            using var printer = new ChatPrinter(roomId, result.GetValue(json));
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken, printer);
            var posted = await client.InvokeAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = result.GetValue(text)! }, cancellationToken);
            return await printer.UntilIdleAsync(client, posted.Seq, cancellationToken);
        });
        return command;
    }

    private static Command Show()
    {
        var room = new Argument<string>("room") { Description = "The room id." };
        var json = new Option<bool>("--json") { Description = "Print one JSON message per line." };
        var command = new Command("show", "Print a room's messages.") { room, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var roomId = result.GetValue(room)!;
            using var printer = new ChatPrinter(roomId, result.GetValue(json));
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var state = await client.InvokeAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = roomId }, cancellationToken);
            if (!result.GetValue(json))
            {
                CliConsole.Out.WriteLine($"# {state.Name} ({state.Id}): {string.Join(' ', state.Participants.Select(p => "@" + p.Alias))}, {ChatPrinter.State(state.State)}");
            }

            await printer.PrintHistoryAsync(client, after: 0, cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>ALIAS[@HOST]=AGENT[@BRANCH]; the server checks the alias, the host and the agent.</summary>
    internal static ChatParticipantSpec ParseParticipant(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var (alias, host) = ChatParticipantSyntax.SplitHost(equals <= 0 ? string.Empty : value[..equals].TrimStart('@'));
        var agent = equals <= 0 ? string.Empty : value[(equals + 1)..];
        if (alias.Length == 0 || agent.Length == 0 || host is { Length: 0 })
        {
            throw new Errors.InvalidParamsException($"--participant '{value}' is not ALIAS=AGENT (e.g. planner=claude-code, planner=claude-code@planner-branch for a worktree, or planner@box=claude-code on the SSH host 'box').");
        }

        var at = agent.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? new ChatParticipantSpec { Alias = alias, AgentId = agent, Host = host }
            : new ChatParticipantSpec { Alias = alias, AgentId = agent[..at], Worktree = new WorktreeRequest { Branch = agent[(at + 1)..] }, Host = host };
    }
}

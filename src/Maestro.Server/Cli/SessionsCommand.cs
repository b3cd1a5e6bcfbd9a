using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.Server.Cli;

/// <summary><c>maestro sessions list|show|prompt</c>: sessions of the per-user daemon, from a terminal or a script;
/// <c>new</c>, <c>cancel</c>, <c>close</c>, <c>rename</c>, <c>archive</c> and <c>rm</c> are in <see cref="SessionsControlCommands"/>.</summary>
internal static class SessionsCommand
{
    public static Command Create()
    {
        var command = new Command("sessions", "Create, list, show, prompt, cancel, close, rename, archive or delete sessions (through the daemon).");
        command.Subcommands.Add(SessionsControlCommands.New());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Prompt());
        command.Subcommands.Add(SessionsControlCommands.Cancel());
        command.Subcommands.Add(SessionsControlCommands.Close());
        command.Subcommands.Add(SessionsControlCommands.Rename());
        command.Subcommands.Add(SessionsControlCommands.Archive());
        command.Subcommands.Add(SessionsControlCommands.Remove());
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the sessions/list result)." };
        var cwd = new Option<string?>("--cwd") { Description = "Only sessions working in this folder." };
        var all = new Option<bool>("--all", "-a") { Description = "Also the archived sessions." };
        var command = new Command("list", "List sessions, newest first (archived ones with --all).") { json, cwd, all };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var list = await client.InvokeAsync<SessionListResult>(Methods.SessionsList, new SessionListParams { Cwd = result.GetValue(cwd) is { } folder ? Path.GetFullPath(folder) : null }, cancellationToken);
            if (!result.GetValue(all))
            {
                list = list with { Sessions = [.. list.Sessions.Where(s => !s.Archived)] };
            }

            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(list, CliJsonContext.Default.SessionListResult));
                return ExitCodes.Ok;
            }

            if (list.Sessions.Count == 0)
            {
                CliNotes.Write(result.GetValue(all) ? "No sessions." : "No sessions (archived ones show with --all).");
                return ExitCodes.Ok;
            }

            var table = new CliTable("ID", "STATUS", "AGENT", "NAME", "COST", "FOLDER") { Flexible = 5, KeepEnd = true, RightAligned = new HashSet<int> { 4 } };
            foreach (var s in list.Sessions)
            {
                var status = CliWords.Of(s.Status) + (s.Archived ? " (archived)" : string.Empty) + (s.Offline ? " (host offline)" : string.Empty);

                // A host's session: its folder is a path there, written host:path as scp and ssh users read it.
                var where = s.Worktree ?? s.Cwd;
                table.Add(s.Id, status, s.AgentId, s.Name, s.Usage.CostUsd.ToString("$0.00##", System.Globalization.CultureInfo.InvariantCulture), s.Host is null ? where : s.Host + ":" + where);
            }

            table.Write(CliConsole.Out);

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("session") { Description = "The session id (sessions list shows them)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON event per line." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events as they come, until the session is closed or Ctrl-C." };
        var command = new Command("show", "Print a session's transcript.") { id, json, follow };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(follow))
            {
                return await SessionFollower.FollowAsync(result.GetValue(id)!, result.GetValue(json), cancellationToken);
            }

            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            await SessionFollower.PrintHistoryAsync(client, result.GetValue(id)!, after: 0, new TranscriptPrinter(result.GetValue(json)), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Prompt()
    {
        var id = new Argument<string>("session") { Description = "The session id." };
        var text = new Argument<string>("text") { Description = "The prompt." };
        var json = new Option<bool>("--json") { Description = "Print each event as a JSON line, then the turn's result." };
        var command = new Command("prompt", "Send a prompt to a session and print what the agent does until the turn ends.") { id, text, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var sessionId = result.GetValue(id)!;
            var printer = new LivePrinter(result.GetValue(json)) { SessionId = sessionId };
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken, printer);
            return await PromptAsync(client, printer, sessionId, result.GetValue(text)!, result.GetValue(json), cancellationToken);
        });
        return command;
    }

    /// <summary>Sends one prompt and prints its end; the events were printed live by the connection's <see cref="LivePrinter"/>.
    /// A turn that ended normally but had tool calls refused by the permission mode did not do what was asked: that
    /// is a failure (<see cref="ExitCodes.ToolCallsRefused"/>) naming them and how to allow them.</summary>
    public static async Task<int> PromptAsync(DaemonClient client, LivePrinter printer, string sessionId, string text, bool json, CancellationToken cancellationToken)
    {
        var turn = await client.InvokeAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = text }, cancellationToken);
        if (json)
        {
            CliConsole.Out.WriteLine(JsonSerializer.Serialize(turn, CliJsonContext.Default.SessionPromptResult));
        }
        else
        {
            CliConsole.Out.WriteLine($"-- turn {turn.TurnId} ended: {CliWords.Of(turn.StopReason)}, {turn.Usage.InputTokens} in / {turn.Usage.OutputTokens} out tokens, ${turn.Usage.CostUsd:0.####}");
        }

        var refused = printer.Transcript.TakeRefused();
        if (refused.Count > 0)
        {
            var calls = refused.Count == 1 ? "1 tool call" : $"{refused.Count} tool calls";
            throw new CliFailureException(
                ExitCodes.ToolCallsRefused,
                $"The session's permission mode refused {calls}: {string.Join(", ", refused)}; nothing was done for {(refused.Count == 1 ? "it" : "them")}. " +
                "To allow edits, start a session with 'maestro sessions new --permission-mode acceptEdits' (or bypass for every tool), " +
                "or answer the permission requests in an editor where the session is open.");
        }

        return turn.StopReason == StopReason.EndTurn ? ExitCodes.Ok : ExitCodes.Error;
    }

    /// <summary>Prints the events of one session as the daemon broadcasts them; the session may be named after
    /// connecting (<c>sessions new --prompt</c> learns its id from the daemon).</summary>
    public sealed class LivePrinter(bool json)
    {
        public string? SessionId { get; set; }

        internal TranscriptPrinter Transcript { get; } = new(json);

        [JsonRpcMethod(Methods.SessionsEvent)]
        public void OnEvent(SessionEventNotification notification)
        {
            if (notification.SessionId == SessionId)
            {
                Transcript.Print(notification);
            }
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.Server.Cli;

/// <summary><c>maestro sessions list|show|prompt</c>: sessions of the per-user daemon, from a terminal or a script.</summary>
internal static class SessionsCommand
{
    public static Command Create()
    {
        var command = new Command("sessions", "List sessions, show a transcript, or prompt a session (through the daemon).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Prompt());
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the sessions/list result)." };
        var cwd = new Option<string?>("--cwd") { Description = "Only sessions working in this folder." };
        var command = new Command("list", "List sessions, newest first.") { json, cwd };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var list = await client.InvokeAsync<SessionListResult>(Methods.SessionsList, new SessionListParams { Cwd = result.GetValue(cwd) }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(list, CliJsonContext.Default.SessionListResult));
                return ExitCodes.Ok;
            }

            foreach (var s in list.Sessions)
            {
                CliConsole.Out.WriteLine($"{s.Id}  {s.Status,-8} {s.AgentId,-12} {s.Name,-24} {s.Worktree ?? s.Cwd}  ${s.Usage.CostUsd:0.####}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("session") { Description = "The session id (sessions list shows them)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON event per line." };
        var command = new Command("show", "Print a session's transcript.") { id, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            long after = 0;
            while (true)
            {
                var page = await client.InvokeAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = result.GetValue(id)!, AfterSeq = after, Limit = 1000 }, cancellationToken);
                foreach (var e in page.Events)
                {
                    TranscriptPrinter.Print(e, result.GetValue(json));
                }

                if (!page.HasMore || page.Events.Count == 0)
                {
                    return ExitCodes.Ok;
                }

                after = page.Events[^1].Seq;
            }
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
            var printer = new LivePrinter(sessionId, result.GetValue(json));
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken, printer);
            var turn = await client.InvokeAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = result.GetValue(text)! }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(turn, CliJsonContext.Default.SessionPromptResult));
            }
            else
            {
                CliConsole.Out.WriteLine($"-- turn {turn.TurnId} ended: {turn.StopReason}, {turn.Usage.InputTokens} in / {turn.Usage.OutputTokens} out tokens, ${turn.Usage.CostUsd:0.####}");
            }

            return turn.StopReason == StopReason.EndTurn ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    /// <summary>Prints the events of one session as the daemon broadcasts them.</summary>
    private sealed class LivePrinter(string sessionId, bool json)
    {
        [JsonRpcMethod(Methods.SessionsEvent)]
        public void OnEvent(SessionEventNotification notification)
        {
            if (notification.SessionId == sessionId)
            {
                TranscriptPrinter.Print(notification, json);
            }
        }
    }
}

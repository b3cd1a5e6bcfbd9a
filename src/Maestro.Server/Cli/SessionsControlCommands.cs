using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosting;

namespace Maestro.Server.Cli;

/// <summary><c>maestro sessions new|cancel|close|rename|archive|rm</c>: what the editor's session actions do, from a terminal.</summary>
internal static class SessionsControlCommands
{
    private static readonly string[] PermissionModes = ["ask", "acceptEdits", "bypass"];

    public static Command New()
    {
        var agent = new Option<string>("--agent", "-a") { Description = "The agent id ('maestro agents' lists them).", Required = true };
        var cwd = new Option<string?>("--cwd") { Description = "The folder the agent works in (default: the current folder)." };
        var name = new Option<string?>("--name") { Description = "A name for the session (default: the agent's name and a number)." };
        var worktree = new Option<string?>("--worktree") { Description = "Work on a new git worktree with this branch name." };
        var baseRef = new Option<string?>("--base") { Description = "With --worktree: the commit or branch to start from (default: HEAD)." };
        var mode = new Option<string?>("--permission-mode") { Description = "ask, acceptEdits or bypass (default: the agent's setting)." };
        mode.AcceptOnlyFromAmong(PermissionModes);
        var model = new Option<string?>("--model") { Description = "The model, where the agent lets Maestro choose it." };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "A first prompt: its events are printed live, as 'sessions prompt' does." };
        var host = new Option<string?>("--host") { Description = "Run it on this SSH host ('maestro hosts list'); --cwd is then a path there (default: the host's folder)." };
        var json = new Option<bool>("--json") { Description = "Print the session as JSON (with --prompt: the events and the turn's result as JSON lines)." };
        var command = new Command("new", "Start a session; prints its id.") { agent, cwd, name, worktree, baseRef, mode, model, host, prompt, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var printJson = result.GetValue(json);
            var printer = new SessionsCommand.LivePrinter(printJson);
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken, printer);
            var onHost = result.GetValue(host);
            var session = await client.InvokeAsync<Session>(Methods.SessionsCreate, new SessionCreateParams
            {
                AgentId = result.GetValue(agent)!,
                Cwd = onHost is null ? Path.GetFullPath(result.GetValue(cwd) ?? Environment.CurrentDirectory) : await HostFolderAsync(client, onHost, result.GetValue(cwd), cancellationToken),
                Host = onHost,
                Name = result.GetValue(name),
                Worktree = result.GetValue(worktree) is { } branch ? new WorktreeRequest { Branch = branch, Base = result.GetValue(baseRef) } : null,
                PermissionMode = ParseMode(result.GetValue(mode)),
                Model = result.GetValue(model),
            }, cancellationToken);
            if (printJson)
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(session, CliJsonContext.Default.Session));
            }
            else
            {
                CliConsole.Out.WriteLine(session.Id);
                CliNotes.Write($"Started {session.Name} ({session.AgentId}) in {(session.Host is { } there ? $"{there}:" : string.Empty)}{session.Worktree ?? session.Cwd}.");
            }

            if (result.GetValue(prompt) is not { } text)
            {
                return ExitCodes.Ok;
            }

            printer.SessionId = session.Id;
            return await SessionsCommand.PromptAsync(client, printer, session.Id, text, printJson, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The folder of a session on a host: <c>--cwd</c> as typed (a path there, so never resolved against this machine's
    /// folder), else the host's default folder.
    /// </summary>
    private static async Task<string> HostFolderAsync(DaemonClient client, string host, string? cwd, CancellationToken cancellationToken)
    {
        if (cwd is not null)
        {
            return cwd.StartsWith('/') ? cwd : throw new CliFailureException(ExitCodes.Usage, $"--cwd '{cwd}' is relative; on host '{host}' give the absolute path there.");
        }

        var hosts = await client.InvokeAsync<HostListResult>(Methods.HostsList, null, cancellationToken);
        var known = hosts.Hosts.FirstOrDefault(h => h.Name == host)
            ?? throw new CliFailureException(ExitCodes.Error, $"There is no host '{host}'; 'maestro hosts list' shows them, 'maestro hosts add' adds one.", ErrorCodes.HostNotFound, ErrorKinds.HostNotFound);
        return known.Folder ?? throw new CliFailureException(ExitCodes.Usage, $"Host '{host}' has no default folder: give --cwd, a path there (or 'maestro hosts add {host} … --folder PATH').");
    }

    public static Command Cancel()
    {
        var id = new Argument<string>("session") { Description = "The session id." };
        var json = JsonOption();
        var command = new Command("cancel", "End the session's running turn.") { id, json };
        command.SetAction((result, cancellationToken) => SendAsync(Methods.SessionsCancel, new SessionIdParams { SessionId = result.GetValue(id)! }, result.GetValue(id)!, result.GetValue(json), "Cancelled the running turn, if there was one.", cancellationToken));
        return command;
    }

    public static Command Close()
    {
        var id = new Argument<string>("session") { Description = "The session id." };
        var removeWorktree = new Option<bool>("--remove-worktree") { Description = "Also remove the session's worktree (refused when it has uncommitted changes)." };
        var deleteBranch = new Option<bool>("--delete-branch") { Description = "With --remove-worktree: then delete the worktree's branch, only when its commits are merged (an unmerged one is kept; the close and the removal stand)." };
        var json = new Option<bool>("--json") { Description = "Print the session afterwards as JSON, with removedWorktree {path, branch, branchDeleted} when one was removed; or the error object." };
        var command = new Command("close", "Stop the session's agent; the transcript stays.") { id, removeWorktree, deleteBranch, json };
        command.Validators.Add(c =>
        {
            if (c.GetValue(deleteBranch) && !c.GetValue(removeWorktree))
            {
                c.AddError("--delete-branch deletes the branch of the worktree --remove-worktree removes; pass both.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var sessionId = result.GetValue(id)!;
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            SessionCloseResult? closed;
            try
            {
                closed = await client.InvokeAsync<SessionCloseResult?>(Methods.SessionsClose, new SessionCloseParams { SessionId = sessionId, RemoveWorktree = result.GetValue(removeWorktree), DeleteBranch = result.GetValue(deleteBranch) }, cancellationToken);
            }
            catch (StreamJsonRpc.RemoteInvocationException ex) when (ex.ErrorCode == ErrorCodes.BranchNotMerged)
            {
                throw new CliFailureException(ExitCodes.BranchNotMerged, ex.Message, ex.ErrorCode, ErrorKinds.BranchNotMerged);
            }

            var removed = closed?.RemovedWorktree;
            if (result.GetValue(json))
            {
                var session = await client.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId }, cancellationToken);
                var printed = JsonSerializer.SerializeToNode(session, CliJsonContext.Default.Session)!.AsObject();
                if (removed is not null)
                {
                    printed["removedWorktree"] = JsonSerializer.SerializeToNode(removed, CliJsonContext.Default.WorktreeRemoveResult);
                }

                CliConsole.Out.WriteLine(printed.ToJsonString());
            }
            else
            {
                CliNotes.Write("Closed." + (removed is null ? string.Empty : $" Removed {removed.Path}.") + (removed is { BranchDeleted: true } ? $" Deleted the branch {removed.Branch}." : string.Empty));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Rename()
    {
        var id = new Argument<string>("session") { Description = "The session id." };
        var name = new Argument<string>("name") { Description = "The new name." };
        var json = JsonOption();
        var command = new Command("rename", "Give a session a new name.") { id, name, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var session = await client.InvokeAsync<Session>(Methods.SessionsRename, new SessionRenameParams { SessionId = result.GetValue(id)!, Name = result.GetValue(name)! }, cancellationToken);
            PrintSession(session, result.GetValue(json), $"Renamed {session.Id} to {session.Name}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Archive()
    {
        var id = new Argument<string>("session") { Description = "The session id." };
        var undo = new Option<bool>("--undo") { Description = "Bring an archived session back into the lists." };
        var json = JsonOption();
        var command = new Command("archive", "Put a session away: lists hide it (sessions list --all shows it); nothing else changes.") { id, undo, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var archived = !result.GetValue(undo);
            var session = await client.InvokeAsync<Session>(Methods.SessionsArchive, new SessionArchiveParams { SessionId = result.GetValue(id)!, Archived = archived }, cancellationToken);
            PrintSession(session, result.GetValue(json), archived ? $"Archived {session.Id}." : $"{session.Id} is back in the lists.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Remove()
    {
        var ids = new Argument<string[]>("session") { Description = "The session ids.", Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force", "-f") { Description = "Close open sessions first (stops their agents)." };
        var json = new Option<bool>("--json") { Description = "Print {\"deleted\": [ids]} as JSON, or the error object." };
        var command = new Command("rm", "Delete closed sessions and their transcripts (the stats keep their cost; their edits stay on disk).") { ids, force, json };
        command.Aliases.Add("delete");
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var deleted = new List<string>();
            foreach (var id in result.GetValue(ids)!)
            {
                // One by one, so what was deleted before an error is said either way.
                try
                {
                    await client.InvokeAsync<JsonElement?>(Methods.SessionsDelete, new SessionDeleteParams { SessionId = id, Force = result.GetValue(force) }, cancellationToken);
                }
                catch (Exception) when (deleted.Count > 0)
                {
                    Console.Error.WriteLine($"Deleted {string.Join(", ", deleted)} before the error below.");
                    throw;
                }

                deleted.Add(id);
                if (!result.GetValue(json))
                {
                    CliNotes.Write($"Deleted {id}.");
                }
            }

            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(new SessionsDeleted { Deleted = deleted }, CliJsonContext.Default.SessionsDeleted));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the session afterwards as JSON (sessions/get), or the error object." };

    /// <summary>Sends a request whose answer is empty; with <c>--json</c> prints the session as it is afterwards.</summary>
    private static async Task<int> SendAsync(string method, object parameters, string sessionId, bool json, string done, CancellationToken cancellationToken)
    {
        await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
        await client.InvokeAsync<JsonElement?>(method, parameters, cancellationToken);
        var session = json ? await client.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId }, cancellationToken) : null;
        PrintSession(session, json, done);
        return ExitCodes.Ok;
    }

    private static void PrintSession(Session? session, bool json, string done)
    {
        if (json && session is not null)
        {
            CliConsole.Out.WriteLine(JsonSerializer.Serialize(session, CliJsonContext.Default.Session));
        }
        else
        {
            CliNotes.Write(done);
        }
    }

    private static PermissionMode? ParseMode(string? mode) => mode switch
    {
        null => null,
        "ask" => PermissionMode.Ask,
        "acceptEdits" => PermissionMode.AcceptEdits,
        "bypass" => PermissionMode.Bypass,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "checked by the option"),
    };
}

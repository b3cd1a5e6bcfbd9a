using System.Text;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Cli;
using Maestro.Server.Playbooks.Errors;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// The slash commands <c>maestro acp</c> answers itself (<see cref="AcpCommands"/> names them): each answers with an
/// <c>agent_message_chunk</c> and a stop reason, without a backend turn, except <c>/playbook</c>, whose turn lasts
/// as long as the run it starts.
/// </summary>
internal sealed class AcpSlashCommands
{
    private readonly DaemonClient daemon;
    private readonly AcpSessionSwitches switches;

    public AcpSlashCommands(DaemonClient daemon, AcpSessionSwitches switches)
    {
        this.daemon = daemon;
        this.switches = switches;
    }

    /// <summary>Runs the command; answers the prompt's stop reason.</summary>
    public async Task<string> RunAsync(AcpAgentSession session, string command, string prompt)
    {
        var argument = AcpCommands.Argument(prompt);
        switch (command)
        {
            case AcpCommands.Sessions:
                var list = await daemon.InvokeAsync<SessionListResult>(Methods.SessionsList, new SessionListParams(), CancellationToken.None);
                await SayAsync(session, AcpCommands.SessionList(list.Sessions));
                return AcpWire.StopReasons.EndTurn;
            case AcpCommands.Agent:
                await SwitchAgentAsync(session, argument);
                return AcpWire.StopReasons.EndTurn;
            case AcpCommands.Playbook:
                return await RunPlaybookAsync(session, argument);
            case AcpCommands.Worktree:
                await MoveToWorktreeAsync(session, argument);
                return AcpWire.StopReasons.EndTurn;
            case AcpCommands.Room:
                return await OpenRoomAsync(session, argument);
            default:
                await StopAsync(session);
                return AcpWire.StopReasons.EndTurn;
        }
    }

    /// <summary>Stops the Playbook run the session waits for; false when none runs.</summary>
    public async Task<bool> StopRunAsync(AcpAgentSession session)
    {
        if (session.Run is not { } run)
        {
            return false;
        }

        string runId;
        try
        {
            runId = await run.Id; // a stop right after /playbook waits for the daemon to have started the run
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false; // it never started: the /playbook prompt answers that error
        }

        await daemon.InvokeAsync<object?>(Methods.RunsStop, new RunIdParams { RunId = runId }, CancellationToken.None);
        return true;
    }

    private async Task StopAsync(AcpAgentSession session)
    {
        var run = session.Run;
        if (!await StopRunAsync(session))
        {
            await SayAsync(session, "No Playbook run of this session is going. (`/stop` stops the run `/playbook` started; the editor's stop button cancels a backend turn.)");
            return;
        }

        await SayAsync(session, $"Stopping Playbook run `{run!.RunId}`; the `/playbook` prompt answers once it stopped.");
    }

    private async Task SwitchAgentAsync(AcpAgentSession session, string agentId)
    {
        var agents = await switches.AgentsAsync(CancellationToken.None);
        var current = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id }, CancellationToken.None);
        if (agentId.Length == 0)
        {
            var text = new StringBuilder($"This session's agent is **{current.AgentId}**. Switch with `/agent NAME`:\n\n");
            foreach (var agent in agents)
            {
                text.Append($"- `{agent.Id}` {agent.Name}{(agent.Available ? string.Empty : " (not available: " + agent.Reason + ")")}\n");
            }

            await SayAsync(session, text.ToString());
            return;
        }

        if (agentId == current.AgentId)
        {
            await SayAsync(session, $"This session already runs on **{agentId}**.");
            return;
        }

        var switched = await switches.ConfigureAsync(session, new SessionConfigureParams { SessionId = session.Id, AgentId = agentId }, sendOptions: true, CancellationToken.None);
        var name = agents.FirstOrDefault(a => a.Id == switched.AgentId)?.Name ?? switched.AgentId;
        await SayAsync(session, $"Switched this session from {current.AgentId} to **{name}** (`{switched.AgentId}`): the next prompt goes to it, in a fresh conversation; the history above stays in this session.");
    }

    private async Task MoveToWorktreeAsync(AcpAgentSession session, string branch)
    {
        if (branch.Length == 0 || branch.Any(char.IsWhiteSpace))
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, "/worktree needs the name of a new branch (one word), e.g. `/worktree fix-login`.");
        }

        var from = session.Cwd;
        var moved = await switches.ConfigureAsync(session, new SessionConfigureParams { SessionId = session.Id, Worktree = new WorktreeRequest { Branch = branch } }, sendOptions: false, CancellationToken.None);
        await SayAsync(session, $"This session now works in the worktree `{moved.Worktree}` on the new branch **{moved.Branch}**, made from the HEAD of `{from}` (changes not committed there stay there). The next prompt starts a fresh conversation with {moved.AgentId} in it; the history above stays in this session.");
    }

    /// <summary>
    /// <c>/room @a @b [message]</c> opens a room of new sessions in this session's folder and attaches it, then posts
    /// the message, if any; <c>/room</c> alone leaves the attached room (which goes on for VS Code and the CLI).
    /// </summary>
    private async Task<string> OpenRoomAsync(AcpAgentSession session, string argument)
    {
        var request = AcpRoomRequest.Parse(argument);
        if (request.Participants.Count == 0)
        {
            if (argument.Length > 0)
            {
                throw new AcpRequestException(AcpErrorCodes.InvalidParams, "/room takes the participants first, each an @alias (an agent's id, e.g. @claude-code), @alias=agent, and @alias@host=agent for one on an SSH host, e.g. `/room @claude-code @reviewer=codex @builder@box=claude-code`.");
            }

            var left = session.Room;
            session.Room = null;
            left?.Dispose();
            await SayAsync(session, left is null
                ? "This session is in no room. `/room @claude-code @codex` opens one: your next prompts go to it, and @mentions choose who answers."
                : $"Left the room **{left.Room.Name}** (`{left.Id}`); prompts go to this session's agent again. The room stays open (`maestro chat show {left.Id}`, VS Code's Chat tab).");
            return AcpWire.StopReasons.EndTurn;
        }

        var agents = await switches.AgentsAsync(CancellationToken.None);
        var ids = agents.Select(a => a.Id).ToList();
        var specs = new List<ChatParticipantSpec>();
        foreach (var p in request.Participants)
        {
            var agentId = p.AgentId ?? AcpRoomRequest.AgentFor(p.Alias, ids)
                ?? throw new AcpRequestException(AcpErrorCodes.InvalidParams, $"@{p.Alias} names no agent: write @{p.Alias}=AGENT, or use an agent's id as the alias. The agents are {string.Join(", ", ids)}.");
            specs.Add(new ChatParticipantSpec { Alias = p.Alias, AgentId = agentId, Host = p.Host });
        }

        var current = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id }, CancellationToken.None);
        var opened = await daemon.InvokeAsync<Room>(
            Methods.ChatCreate,
            new ChatCreateParams { Name = $"{current.Name} · room", Cwd = session.Cwd, Participants = specs },
            CancellationToken.None);
        var room = new AcpChatRoom(opened, daemon, update => session.SendAsync(update, CancellationToken.None));
        session.Room?.Dispose();
        session.Room = room;
        var who = string.Join(", ", opened.Participants.Select(p => p.Host is { } host ? $"@{p.Alias} ({p.AgentId} on {host})" : $"@{p.Alias} ({p.AgentId})"));
        await SayAsync(session, $"Opened the room **{opened.Name}** (`{opened.Id}`) with {who} in {opened.Cwd}. Your prompts now go to the room: @mentions choose who answers (@all for everyone), and without one the last one addressed answers. `/room` alone leaves it.");
        if (request.Message.Length == 0)
        {
            return AcpWire.StopReasons.EndTurn;
        }

        return await room.PromptAsync(request.Message, CancellationToken.None) ? AcpWire.StopReasons.Cancelled : AcpWire.StopReasons.EndTurn;
    }

    private async Task<string> RunPlaybookAsync(AcpAgentSession session, string path)
    {
        if (path.Length == 0)
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, "/playbook needs the path of a playbook folder or markdown file, e.g. `/playbook playbooks/release`.");
        }

        var current = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id }, CancellationToken.None);
        var full = Path.GetFullPath(Path.Combine(session.Cwd, path));
        AcpPlaybookRun run;
        try
        {
            run = await AcpPlaybookRun.LoadAsync(full, update => session.SendAsync(update, CancellationToken.None), CancellationToken.None);
        }
        catch (PlaybookInvalidException ex)
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, ex.Message);
        }

        session.Run = run;
        try
        {
            await SayAsync(session, $"Running Playbook **{run.Playbook.Name}** with {current.AgentId} in {session.Cwd}: {run.Playbook.TotalTasks} tasks, {run.Playbook.DoneTasks} already done. `/stop` stops it.");
            await run.SendPlanAsync();
            try
            {
                run.Started(await daemon.InvokeAsync<Run>(
                    Methods.PlaybooksRun,
                    new PlaybookRunParams { Path = full, AgentId = current.AgentId, Cwd = session.Cwd, PermissionMode = current.PermissionMode },
                    CancellationToken.None));
            }
            catch (Exception ex)
            {
                run.Failed(ex);
                throw;
            }

            // The daemon going away ends the wait (its runs stop with it); the prompt then answers an error.
            await Task.WhenAny(run.Ended, daemon.Disconnected);
            if (!run.Ended.IsCompleted)
            {
                throw new StreamJsonRpc.ConnectionLostException();
            }

            var ended = await run.Ended;
            await SayAsync(session, AcpPlaybookRun.Summary(ended));
            return ended.Outcome == RunOutcome.Stopped ? AcpWire.StopReasons.Cancelled : AcpWire.StopReasons.EndTurn;
        }
        finally
        {
            session.Run = null;
        }
    }

    private static Task SayAsync(AcpAgentSession session, string text)
        => session.SendAsync(new JsonObject { ["sessionUpdate"] = AcpWire.Updates.AgentMessageChunk, ["content"] = new JsonObject { ["type"] = "text", ["text"] = text } }, CancellationToken.None);
}

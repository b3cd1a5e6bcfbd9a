using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Cli;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// The ACP agent side of <c>maestro acp</c>: the methods an editor (JetBrains AI Chat, Zed, an ACP SDK client) calls.
/// Each session is an ordinary Maestro session of the daemon, so VS Code, the CLI and the phone see it too. Refusals
/// are <see cref="AcpRequestException"/>s and daemon errors, both answered here as ACP errors with their message.
/// </summary>
internal sealed class AcpAgentTarget
{
    /// <summary>The ACP protocol version this agent speaks.</summary>
    public const int ProtocolVersion = 1;

    private readonly DaemonClient daemon;
    private readonly AcpAgentSessions sessions;
    private readonly AcpAgentOptions options;
    private readonly AcpSessionSwitches switches;
    private readonly AcpSlashCommands commands;

    public AcpAgentTarget(DaemonClient daemon, AcpAgentSessions sessions, AcpAgentOptions options)
    {
        this.daemon = daemon;
        this.sessions = sessions;
        this.options = options;
        switches = new AcpSessionSwitches(daemon);
        commands = new AcpSlashCommands(daemon, switches);
    }

    /// <summary>The connection to the editor; set once it is made (it needs this target first).</summary>
    public JsonRpc? Editor { get; set; }

    [JsonRpcMethod(AcpWire.AgentMethods.Initialize, UseSingleObjectParameterDeserialization = true)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An RPC method of the target the editor's connection calls.")]
    public JsonObject Initialize(JsonElement parameters) => Edge(() =>
    {
        if (!parameters.TryGetProperty("protocolVersion", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, "initialize needs 'protocolVersion', a number.");
        }

        // Version negotiation: the client's version when this agent speaks it, else the latest this agent speaks.
        return new JsonObject
        {
            ["protocolVersion"] = ProtocolVersion,
            ["agentCapabilities"] = new JsonObject
            {
                ["loadSession"] = true,
                ["promptCapabilities"] = new JsonObject { ["image"] = false, ["audio"] = false, ["embeddedContext"] = false },
                // stdio servers are every ACP agent's; http and sse only where the backend of new sessions takes them.
                ["mcpCapabilities"] = new JsonObject { ["http"] = AcpMcpRequest.TakesRemote(options.AgentId), ["sse"] = AcpMcpRequest.TakesRemote(options.AgentId) },
            },
            ["agentInfo"] = new JsonObject { ["name"] = "maestro", ["title"] = "Maestro", ["version"] = BuildInfo.Version },
            ["authMethods"] = AcpAuthMethods.For(parameters, options.AgentId),
        };
    });

    /// <summary>
    /// The <c>agent</c> sign-in method: Maestro's backends use their own credentials, so this checks that the backend of
    /// new sessions is installed (and says how to sign it in). The terminal method is never passed here (ACP).
    /// </summary>
    [JsonRpcMethod(AcpWire.AgentMethods.Authenticate, UseSingleObjectParameterDeserialization = true)]
    public Task<JsonObject> AuthenticateAsync(JsonElement parameters, CancellationToken cancellationToken) => EdgeAsync(async () =>
    {
        var method = Str(parameters, "methodId");
        if (method != AcpAuthMethods.CheckId)
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, method == AcpAuthMethods.SignInId
                ? $"'{AcpAuthMethods.SignInId}' is a terminal method: run this agent's command with '{AcpAuthMethods.SignInFlag}' in a terminal instead of calling authenticate."
                : $"Unknown authentication method '{method}': the method is '{AcpAuthMethods.CheckId}'.");
        }

        var agents = await switches.AgentsAsync(cancellationToken);
        var backend = agents.FirstOrDefault(a => a.Id == options.AgentId);
        if (backend is not { Available: true })
        {
            throw new AcpRequestException(AcpErrorCodes.AuthRequired, $"{options.AgentId} cannot run here: {backend?.Reason ?? "Maestro does not know that agent"}. Install it, sign it in with its own tool ('maestro acp --agent {options.AgentId} {AcpAuthMethods.SignInFlag}' in a terminal), then try again.");
        }

        return new JsonObject();
    });

    [JsonRpcMethod(AcpWire.AgentMethods.SessionNew, UseSingleObjectParameterDeserialization = true)]
    public Task<JsonObject> NewSessionAsync(JsonElement parameters, CancellationToken cancellationToken) => EdgeAsync(async () =>
    {
        var cwd = Str(parameters, "cwd");
        if (cwd is null || !Path.IsPathRooted(cwd))
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, $"session/new needs 'cwd', an absolute path (got {(cwd is null ? "none" : "'" + cwd + "'")}).");
        }

        // The daemon probes each backend's version once (agents/list): alongside the create, not after it.
        var agents = switches.AgentsAsync(cancellationToken);
        var mcpServers = AcpMcpRequest.Parse(parameters);
        var session = await daemon.InvokeAsync<Session>(
            Methods.SessionsCreate,
            new SessionCreateParams { AgentId = options.AgentId, Cwd = cwd, Model = options.Model, PermissionMode = options.PermissionMode, McpServers = mcpServers },
            cancellationToken);
        var opened = new AcpAgentSession(session, daemon, Editor!, session.LastSeq);
        opened.UseAgent(session.AgentId, await agents);
        await sessions.AddAsync(opened);
        var (configOptions, modes) = AcpSessionSwitches.State(session, await agents);
        // After the answer, so the editor knows the session the update names (ACP lets an agent send it any time).
        _ = Task.Run(() => AdvertiseAsync(opened, McpNotice(session.AgentId, mcpServers)), CancellationToken.None);
        return new JsonObject { ["sessionId"] = session.Id, ["modes"] = modes, ["configOptions"] = configOptions };
    });

    /// <summary>Resumes a Maestro session (one made here, in another editor or by the CLI) and replays its history as updates.</summary>
    [JsonRpcMethod(AcpWire.AgentMethods.SessionLoad, UseSingleObjectParameterDeserialization = true)]
    public Task<JsonObject> LoadSessionAsync(JsonElement parameters, CancellationToken cancellationToken) => EdgeAsync(async () =>
    {
        var id = SessionId(parameters);
        var agents = switches.AgentsAsync(cancellationToken);
        var session = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id }, cancellationToken);
        if (AcpMcpRequest.Parse(parameters) is { Count: > 0 } mcpServers)
        {
            // The daemon holds MCP servers in memory only: the editor gives them again with every load.
            session = await daemon.InvokeAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = id, McpServers = mcpServers }, cancellationToken);
        }

        var opened = new AcpAgentSession(session, daemon, Editor!, deliveredSeq: 0);
        opened.UseAgent(session.AgentId, await agents);
        await sessions.AddAsync(opened);
        await opened.CatchUpAsync(session.LastSeq, replay: true, cancellationToken);
        await opened.SendAsync(AcpCommands.AvailableCommandsUpdate(), cancellationToken);
        var (configOptions, modes) = AcpSessionSwitches.State(session, await agents);
        return new JsonObject { ["modes"] = modes, ["configOptions"] = configOptions };
    });

    /// <summary>The permission mode of the session's next turn (ACP modes are Maestro's permission modes).</summary>
    [JsonRpcMethod(AcpWire.AgentMethods.SessionSetMode, UseSingleObjectParameterDeserialization = true)]
    public Task<JsonObject> SetModeAsync(JsonElement parameters, CancellationToken cancellationToken) => EdgeAsync(async () =>
    {
        var session = Open(SessionId(parameters));
        var mode = AcpSessionConfig.ParseMode(Str(parameters, "modeId"))
            ?? throw new AcpRequestException(AcpErrorCodes.InvalidParams, $"Unknown mode '{Str(parameters, "modeId")}': the modes are {AcpSessionConfig.ModeIds}.");
        await switches.ConfigureAsync(session, new SessionConfigureParams { SessionId = session.Id, PermissionMode = mode }, sendOptions: true, cancellationToken);
        return new JsonObject();
    });

    /// <summary>The backend agent or the permission mode of the session's next turn; answers every option with its value.</summary>
    [JsonRpcMethod(AcpWire.AgentMethods.SessionSetConfigOption, UseSingleObjectParameterDeserialization = true)]
    public Task<JsonObject> SetConfigOptionAsync(JsonElement parameters, CancellationToken cancellationToken) => EdgeAsync(async () =>
    {
        var session = Open(SessionId(parameters));
        var value = Str(parameters, "value")
            ?? throw new AcpRequestException(AcpErrorCodes.InvalidParams, "session/set_config_option needs 'value', one of the option's values (a string).");
        var request = Str(parameters, "configId") switch
        {
            AcpSessionConfig.AgentOption => new SessionConfigureParams { SessionId = session.Id, AgentId = value },
            AcpSessionConfig.ModeOption => new SessionConfigureParams
            {
                SessionId = session.Id,
                PermissionMode = AcpSessionConfig.ParseMode(value)
                    ?? throw new AcpRequestException(AcpErrorCodes.InvalidParams, $"Unknown permission mode '{value}': the values are {AcpSessionConfig.ModeIds}."),
            },
            AcpSessionConfig.ModelOption => new SessionConfigureParams { SessionId = session.Id, Model = await ModelAsync(session, value, cancellationToken) },
            var other => throw new AcpRequestException(AcpErrorCodes.InvalidParams, $"Unknown config option '{other}': the options are '{AcpSessionConfig.AgentOption}', '{AcpSessionConfig.ModelOption}' and '{AcpSessionConfig.ModeOption}'."),
        };
        var after = await switches.ConfigureAsync(session, request, sendOptions: false, cancellationToken);
        return new JsonObject { ["configOptions"] = (await switches.StateAsync(after, cancellationToken)).Options };
    });

    [JsonRpcMethod(AcpWire.AgentMethods.SessionPrompt, UseSingleObjectParameterDeserialization = true)]
    public Task<JsonObject> PromptAsync(JsonElement parameters) => EdgeAsync(async () =>
    {
        var id = SessionId(parameters);
        var session = Open(id);
        var text = AcpPromptText.From(parameters.TryGetProperty("prompt", out var prompt) ? prompt : default);
        var command = AcpCommands.Called(text);
        if (command == AcpCommands.Stop)
        {
            // Not a turn: it stops the one a /playbook holds.
            return new JsonObject { ["stopReason"] = await commands.RunAsync(session, command, text) };
        }

        if (!session.TryStartTurn())
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidRequest, $"Session {id} is already running a turn: wait for its stopReason, or send session/cancel.");
        }

        try
        {
            if (command is not null)
            {
                return new JsonObject { ["stopReason"] = await commands.RunAsync(session, command, text) };
            }

            if (session.Room is { } room)
            {
                // /room attached a group chat: the prompt is a message to it, answered by its participants.
                return new JsonObject { ["stopReason"] = await room.PromptAsync(text, CancellationToken.None) ? AcpWire.StopReasons.Cancelled : AcpWire.StopReasons.EndTurn };
            }

            // Not cancelled with the request: ACP cancels a turn with session/cancel, and the turn then answers "cancelled".
            var result = await daemon.InvokeAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = text }, CancellationToken.None);
            var current = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id }, CancellationToken.None);
            await session.CatchUpAsync(current.LastSeq, replay: false, CancellationToken.None);
            return new JsonObject
            {
                ["stopReason"] = result.StopReason switch
                {
                    StopReason.EndTurn => AcpWire.StopReasons.EndTurn,
                    StopReason.Cancelled => AcpWire.StopReasons.Cancelled,
                    StopReason.MaxTurns => AcpWire.StopReasons.MaxTurnRequests,
                    _ => throw new AcpRequestException(
                        AcpErrorCodes.InternalError,
                        $"The turn failed: {session.LastError ?? "the backend agent stopped with an error"}. The session stays usable; `maestro sessions show {id}` has the details."),
                },
            };
        }
        finally
        {
            session.EndTurn();
        }
    });

    [JsonRpcMethod(AcpWire.AgentMethods.SessionCancel, UseSingleObjectParameterDeserialization = true)]
    public async Task CancelAsync(JsonElement parameters)
    {
        // A notification: nothing to answer, so an unknown session is ignored, as ACP asks.
        if (Str(parameters, "sessionId") is { } id && sessions.Find(id) is { } session)
        {
            // A /playbook turn is its run: cancelling it stops the run, and the prompt answers "cancelled".
            if (!await commands.StopRunAsync(session) && !(session.Room is { } room && await room.CancelAsync()))
            {
                await daemon.InvokeAsync<object?>(Methods.SessionsCancel, new SessionIdParams { SessionId = id }, CancellationToken.None);
            }
        }
    }

    /// <summary>The model a value of the <c>model</c> option names ("" for the agent's default); one not offered is refused.</summary>
    private async Task<string> ModelAsync(AcpAgentSession session, string value, CancellationToken cancellationToken)
    {
        var current = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id }, cancellationToken);
        var offered = AcpSessionConfig.ModelValues(current, await switches.AgentsAsync(cancellationToken));
        if (!offered.Contains(value))
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, $"Unknown model '{value}' for {current.AgentId}: the values are {string.Join(", ", offered)} (settings.json's agents.\"{current.AgentId}\".models adds others).");
        }

        return value == AcpSessionConfig.DefaultModel ? string.Empty : value;
    }

    /// <summary>What to tell the editor when its MCP servers cannot reach the session's backend; null when they do.</summary>
    private static string? McpNotice(string agentId, IReadOnlyList<McpServer> servers)
        => servers.Count == 0 || AcpMcpRequest.TakenBy(agentId)
            ? null
            : $"Note: {agentId} takes no MCP servers from Maestro, so this editor's {string.Join(", ", servers.Select(s => s.Name))} are not available to it (Claude Code and ACP agents take them; `/agent claude-code` switches).";

    private static async Task AdvertiseAsync(AcpAgentSession session, string? notice = null)
    {
        try
        {
            await session.SendAsync(AcpCommands.AvailableCommandsUpdate(), CancellationToken.None);
            if (notice is not null)
            {
                await session.SendAsync(new JsonObject { ["sessionUpdate"] = AcpWire.Updates.AgentMessageChunk, ["content"] = new JsonObject { ["type"] = "text", ["text"] = notice } }, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException)
        {
            // The editor left right after creating the session: nobody to offer commands to.
        }
    }

    private AcpAgentSession Open(string id)
        => sessions.Find(id) ?? throw new AcpRequestException(AcpErrorCodes.ResourceNotFound, $"Unknown session id '{id}': start one with session/new, or resume one with session/load.");

    private static string SessionId(JsonElement parameters)
        => Str(parameters, "sessionId") ?? throw new AcpRequestException(AcpErrorCodes.InvalidParams, "The request needs 'sessionId'.");

    private static string? Str(JsonElement parameters, string name)
        => parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonObject Edge(Func<JsonObject> body)
    {
        try
        {
            return body();
        }
        catch (AcpRequestException ex)
        {
            throw new LocalRpcException(ex.Message) { ErrorCode = ex.Code };
        }
    }

    private static async Task<JsonObject> EdgeAsync(Func<Task<JsonObject>> body)
    {
        try
        {
            return await body();
        }
        catch (AcpRequestException ex)
        {
            throw new LocalRpcException(ex.Message) { ErrorCode = ex.Code };
        }
        catch (RemoteRpcException ex) when (ex is RemoteInvocationException or RemoteMethodNotFoundException)
        {
            // The daemon refused: its message is written for a user; its code is Maestro's, kept in data. StreamJsonRpc
            // raises the daemon's -32602 (InvalidParams) as RemoteMethodNotFoundException, so the code is read, not the type.
            var maestroCode = ex switch
            {
                RemoteInvocationException invocation => invocation.ErrorCode,
                RemoteMethodNotFoundException refused => (int)refused.ErrorCode,
                _ => ErrorCodes.InternalError,
            };
            var code = maestroCode switch
            {
                ErrorCodes.SessionNotFound => AcpErrorCodes.ResourceNotFound,
                ErrorCodes.InvalidParams => AcpErrorCodes.InvalidParams,
                ErrorCodes.PlaybookInvalid => AcpErrorCodes.InvalidParams,
                ErrorCodes.Busy => AcpErrorCodes.InvalidRequest, // a turn runs: the request is fine, only not now
                ErrorCodes.NotARepository => AcpErrorCodes.InvalidParams, // /worktree in a folder that is no git repository
                ErrorCodes.RoomNotFound => AcpErrorCodes.ResourceNotFound,
                ErrorCodes.RoomClosed => AcpErrorCodes.InvalidRequest, // closed elsewhere: `/room` alone leaves it
                _ => AcpErrorCodes.InternalError,
            };
            throw new LocalRpcException(ex.Message) { ErrorCode = code, ErrorData = new JsonObject { ["maestroCode"] = maestroCode } };
        }
        catch (ConnectionLostException)
        {
            throw new LocalRpcException("The connection to the Maestro daemon was lost; restart the agent (the daemon's log is in MAESTRO_HOME/logs).") { ErrorCode = AcpErrorCodes.InternalError };
        }
    }
}

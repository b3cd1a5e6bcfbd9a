using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Agents.Permissions;
using Maestro.Server.Agents.Running;
using Maestro.Server.Hosting;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// Any Agent Client Protocol agent: one long-lived process per session. <c>initialize</c>, then
/// <c>session/new</c> — or <c>session/load</c> when resuming and the agent offers it — then one
/// <c>session/prompt</c> per turn; cancel sends <c>session/cancel</c> and kills the process if it does not stop.
/// </summary>
public sealed class AcpAdapter : IAgentAdapter, IAsyncDisposable
{
    private readonly AgentLaunch launchTemplate;
    private readonly PermissionBroker permissions;
    private readonly MaestroOptions options;
    private readonly AgentProcesses processes;
    private readonly IAgentStderrSink output;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private AcpConnection? connection;
    private string? acpSessionId;

    public AcpAdapter(AgentLaunch launchTemplate, PermissionBroker permissions, MaestroOptions options, AgentProcesses processes, IAgentStderrSink output, ILogger logger)
    {
        this.output = output;
        this.processes = processes;
        this.launchTemplate = launchTemplate;
        this.permissions = permissions;
        this.options = options;
        this.logger = logger;
    }

    public async Task<TurnOutcome> RunTurnAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await RunTurnCoreAsync(turn, sink, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        gate.Dispose();
    }

    private async Task<TurnOutcome> RunTurnCoreAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        string sessionId;
        try
        {
            sessionId = await EnsureSessionAsync(turn, sink, cancellationToken);
        }
        catch (Exception ex) when (ex is RemoteRpcException or ConnectionLostException or ObjectDisposedException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            var tail = connection?.StderrTail;
            await ResetAsync();
            return new TurnOutcome(StopReason.Error, Usage.Zero, $"The ACP agent could not start a session: {ex.Message}", string.IsNullOrEmpty(tail) ? null : "stderr:\n" + tail);
        }

        var live = connection!;
        var context = new AcpTurnContext(turn, turn.SessionId);
        live.Target.Current = context;
        var pump = PumpAsync(context, sink);
        var prompt = live.Rpc.InvokeWithParameterObjectAsync<JsonElement>(
            AcpWire.AgentMethods.SessionPrompt,
            new { sessionId, prompt = new[] { new { type = "text", text = turn.SystemPrompt is null ? turn.Prompt : turn.SystemPrompt + "\n\n" + turn.Prompt } } },
            CancellationToken.None);
        using var cancel = cancellationToken.Register(() => _ = live.Rpc.NotifyWithParameterObjectAsync(AcpWire.AgentMethods.SessionCancel, new { sessionId }));

        TurnOutcome outcome;
        var finished = await WaitAsync(prompt, live, cancellationToken);
        if (finished == Finish.Answered && prompt.IsCompletedSuccessfully)
        {
            await live.Target.DrainUpdatesAsync(TimeSpan.FromSeconds(5));
            outcome = Outcome(prompt.Result, context);
        }
        else
        {
            var tail = live.StderrTail;
            await ResetAsync();
            outcome = finished switch
            {
                Finish.Cancelled => new TurnOutcome(StopReason.Cancelled, Usage.Zero),
                Finish.Idle => new TurnOutcome(StopReason.Error, Usage.Zero, "The ACP agent said nothing for too long and was stopped (idle timeout).", Detail(tail)),
                _ => new TurnOutcome(StopReason.Error, Usage.Zero, "The ACP agent " + (prompt.IsFaulted ? "failed: " + prompt.Exception!.GetBaseException().Message : "exited during the turn."), Detail(tail)),
            };
        }

        live.Target.Current = null;
        context.Updates.Writer.TryComplete();
        context.Extra.Writer.TryComplete();
        await pump;
        foreach (var e in context.Translator.Flush())
        {
            await sink.EmitAsync(e, CancellationToken.None);
        }

        if (outcome.StopReason != StopReason.Error)
        {
            await sink.EmitAsync(new UsageEvent { Usage = outcome.Usage }, CancellationToken.None);
        }

        return outcome;
    }

    private async Task<string> EnsureSessionAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        if (connection is { Exited.IsCompleted: false } && acpSessionId is not null)
        {
            return acpSessionId;
        }

        await ResetAsync();
        connection = AcpConnection.Start(launchTemplate with { WorkingDirectory = turn.WorkingDirectory, SessionId = turn.SessionId }, new AcpClientTarget(permissions, options.AcpUpdateQueueCapacity), options.MaxAgentLineBytes, processes, output, logger);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AgentIdleTimeout);
        var init = await connection.Rpc.InvokeWithParameterObjectAsync<JsonElement>(
            AcpWire.AgentMethods.Initialize,
            new { protocolVersion = 1, clientCapabilities = new { fs = new { readTextFile = true, writeTextFile = true }, terminal = false } },
            timeout.Token);
        var canLoad = TryObject(init, "agentCapabilities", out var capabilities) && capabilities.TryGetProperty("loadSession", out var load) && load.ValueKind == JsonValueKind.True;
        var mcpServers = AcpMcpServers.For(turn.McpServers, capabilities);
        if (turn.AgentSessionId is not null && canLoad)
        {
            // The agent replays the conversation as updates; no turn context is set, so they are not re-stored.
            await connection.Rpc.InvokeWithParameterObjectAsync<JsonElement>(AcpWire.AgentMethods.SessionLoad, new JsonObject { ["sessionId"] = turn.AgentSessionId, ["cwd"] = turn.WorkingDirectory, ["mcpServers"] = mcpServers }, timeout.Token);
            acpSessionId = turn.AgentSessionId;
        }
        else
        {
            var created = await connection.Rpc.InvokeWithParameterObjectAsync<JsonElement>(AcpWire.AgentMethods.SessionNew, new JsonObject { ["cwd"] = turn.WorkingDirectory, ["mcpServers"] = mcpServers.DeepClone() }, timeout.Token);
            acpSessionId = Str(created, "sessionId") ?? throw new InvalidOperationException("session/new answered without a sessionId.");
            if (turn.AgentSessionId is not null)
            {
                await sink.EmitAsync(new MessageEvent { Text = "This agent cannot reload its earlier conversation; it starts afresh.", Html = "<p>This agent cannot reload its earlier conversation; it starts afresh.</p>", Role = "notice" }, CancellationToken.None);
            }
        }

        await sink.SetAgentSessionIdAsync(acpSessionId, CancellationToken.None);
        return acpSessionId;
    }

    private async Task<Finish> WaitAsync(Task<JsonElement> prompt, AcpConnection live, CancellationToken cancellationToken)
    {
        var cancelledAt = (long?)null;
        while (true)
        {
            var done = await Task.WhenAny(prompt, live.Exited, Task.Delay(250, CancellationToken.None));
            if (done == prompt)
            {
                return Finish.Answered;
            }

            if (done == live.Exited)
            {
                return cancellationToken.IsCancellationRequested ? Finish.Cancelled : Finish.Exited;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                cancelledAt ??= Environment.TickCount64;
                if (Environment.TickCount64 - cancelledAt > 10_000)
                {
                    return Finish.Cancelled; // the agent ignored session/cancel: the process is killed
                }
            }
            else if (Environment.TickCount64 - live.Target.LastActivity > options.AgentIdleTimeout.TotalMilliseconds)
            {
                return Finish.Idle;
            }
        }
    }

    private async Task PumpAsync(AcpTurnContext context, ITurnSink sink)
    {
        var updates = context.Updates.Reader;
        var extra = context.Extra.Reader;
        while (await updates.WaitToReadAsync() || extra.TryPeek(out _))
        {
            while (extra.TryRead(out var e))
            {
                await sink.EmitAsync(e, CancellationToken.None);
            }

            while (updates.TryRead(out var update))
            {
                foreach (var e in Translate(context, update))
                {
                    await sink.EmitAsync(e, CancellationToken.None);
                }
            }
        }

        while (extra.TryRead(out var e))
        {
            await sink.EmitAsync(e, CancellationToken.None);
        }
    }

    /// <summary>An update the translator cannot read (a lone surrogate escape, an odd shape) is logged and skipped, never fatal.</summary>
    private List<SessionEvent> Translate(AcpTurnContext context, JsonElement update)
    {
        try
        {
            return context.Translator.Translate(update);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or KeyNotFoundException)
        {
            logger.LogWarning("Skipped an ACP update Maestro could not read: {Error}", ex.Message);
            return [];
        }
    }

    private static TurnOutcome Outcome(JsonElement result, AcpTurnContext context)
    {
        var usage = TryObject(result, "usage", out var u)
            ? new Usage { InputTokens = Long(u, "inputTokens"), OutputTokens = Long(u, "outputTokens"), CacheReadTokens = Long(u, "cachedReadTokens"), CacheWriteTokens = Long(u, "cachedWriteTokens"), CostUsd = context.Translator.CostUsd }
            : new Usage { CostUsd = context.Translator.CostUsd };
        return Str(result, "stopReason") switch
        {
            AcpWire.StopReasons.EndTurn => new TurnOutcome(StopReason.EndTurn, usage),
            AcpWire.StopReasons.Cancelled => new TurnOutcome(StopReason.Cancelled, usage),
            AcpWire.StopReasons.MaxTokens or AcpWire.StopReasons.MaxTurnRequests => new TurnOutcome(StopReason.MaxTurns, usage),
            AcpWire.StopReasons.Refusal => new TurnOutcome(StopReason.Error, usage, "The agent refused the prompt."),
            var other => new TurnOutcome(StopReason.Error, usage, $"The ACP agent ended the turn with '{other}'."),
        };
    }

    private async Task ResetAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }

        acpSessionId = null;
    }

    private static string? Detail(string tail) => string.IsNullOrEmpty(tail) ? null : "stderr:\n" + tail;

    private enum Finish
    {
        Answered,
        Exited,
        Cancelled,
        Idle,
    }
}

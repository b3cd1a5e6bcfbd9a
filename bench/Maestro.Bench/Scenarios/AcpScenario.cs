using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport.Hardening;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using StreamJsonRpc;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// <c>maestro acp</c> (a real process speaking ACP on stdio, in front of a real daemon process) beside the same turn
/// asked of that daemon directly (<c>sessions/prompt</c> from a client of its own), turns alternating in the same run.
/// The backend is the flood STAND-IN for Claude Code, streaming 50 text deltas at 1,000 a second, each carrying the
/// time it was printed: a turn's time, prompt to answer (target ≤ 1.05× the direct one), and the first update's
/// delay after the backend printed it (target ≤ 50 ms), through both paths.
/// </summary>
internal sealed class AcpScenario : IBenchScenario
{
    private const int Deltas = 50;

    public string Name => "acp";

    public string Description => "a turn through maestro acp vs the daemon directly; first session/update after the backend's first output";

    public async Task RunAsync(BenchContext context)
    {
        using var sandbox = new TempDirectory("bench-acp");
        using var home = new TempDirectory("bench-acp-mh");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", DaemonStreaming.Flood, new Dictionary<string, string>
        {
            ["FLOOD_EVENTS"] = Deltas.ToString(CultureInfo.InvariantCulture),
            ["FLOOD_RATE"] = "1000",
        });
        await using var daemonProcess = MaestroProcess.Start(home.Path, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            var direct = new FirstDelta();
            using var rpc = await DaemonClient.ConnectAsync(paths, "bench-direct", direct);
            var directSession = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass });
            await using var acp = AcpProcess.Start(home.Path);
            await acp.RequestAsync("initialize", new JsonObject { ["protocolVersion"] = 1, ["clientCapabilities"] = new JsonObject() });
            var acpSession = (string)(await acp.RequestAsync("session/new", new JsonObject { ["cwd"] = sandbox.Path, ["mcpServers"] = new JsonArray() }))["sessionId"]!;

            // Warm both paths once, then alternate so machine noise lands on both alike.
            await DirectTurnAsync(rpc, direct, directSession.Id);
            await acp.TurnAsync(acpSession);
            var directTurns = new List<double>();
            var acpTurns = new List<double>();
            var directFirst = new List<double>();
            var acpFirst = new List<double>();
            for (var i = 0; i < context.Iterations(20); i++)
            {
                var (turn, first) = await DirectTurnAsync(rpc, direct, directSession.Id);
                directTurns.Add(turn);
                directFirst.Add(first);
                (turn, first) = await acp.TurnAsync(acpSession);
                acpTurns.Add(turn);
                acpFirst.Add(first);
            }

            var directMedian = Maestro.Bench.Stats.Median(directTurns);
            context.Report(Name, $"a turn ({Deltas} streamed deltas), prompt to answer (median)", Maestro.Bench.Stats.Median(acpTurns), "ms", directMedian, "sessions/prompt to the daemon directly", target: 1.05);
            context.Report(Name, "first update after the backend printed it (median)", Maestro.Bench.Stats.Median(acpFirst), "ms", target: 50);
            context.Report(Name, "first sessions/event after the backend printed it, daemon directly (median)", Maestro.Bench.Stats.Median(directFirst), "ms");
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }

    private static async Task<(double Turn, double First)> DirectTurnAsync(JsonRpc rpc, FirstDelta first, string sessionId)
    {
        var arrived = first.Expect();
        var watch = Stopwatch.StartNew();
        await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "stream" });
        var turn = watch.Elapsed.TotalMilliseconds;
        return (turn, await arrived.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>The delay of the first message delta of a turn: received here minus the time the flood stand-in printed in it.</summary>
    private sealed class FirstDelta
    {
        private (double NotBefore, TaskCompletionSource<double> Result)? waiting;

        public Task<double> Expect()
        {
            var next = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (this)
            {
                // A late delta of the turn before (printed before this one was asked for) is not this turn's first.
                waiting = ((DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds, next);
            }

            return next.Task;
        }

        [JsonRpcMethod(Methods.SessionsEvent)]
        public void OnEvent(SessionEventNotification notification)
        {
            lock (this)
            {
                if (notification.Event is MessageDeltaEvent delta && waiting is { } open
                    && double.Parse(delta.Text, CultureInfo.InvariantCulture) >= open.NotBefore)
                {
                    open.Result.TrySetResult(DelayOf(delta.Text));
                }
            }
        }
    }

    /// <summary>How long ago the stand-in printed a delta, from the epoch milliseconds it carries.</summary>
    private static double DelayOf(string printedAt)
        => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - double.Parse(printedAt, CultureInfo.InvariantCulture);

    /// <summary><c>maestro acp</c> as an editor starts it, spoken to in ACP's newline-delimited JSON-RPC.</summary>
    private sealed class AcpProcess : IAsyncDisposable
    {
        private readonly Process process;
        private int nextId;

        private AcpProcess(Process process)
        {
            this.process = process;
        }

        public static AcpProcess Start(string home)
        {
            var info = new ProcessStartInfo(MaestroBinary.Path)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["acp", "--agent", "claude-code", "--permission-mode", "bypass"])
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["MAESTRO_HOME"] = home;
            return new AcpProcess(Process.Start(info)!);
        }

        public async Task<JsonObject> RequestAsync(string method, JsonObject parameters)
        {
            var id = ++nextId;
            await SendAsync(id, method, parameters);
            while (true)
            {
                var message = await ReadAsync();
                if (message["id"] is { } got && (int)got == id)
                {
                    return message["result"] as JsonObject ?? throw new InvalidOperationException($"{method} failed: {message.ToJsonString()}");
                }
            }
        }

        /// <summary>One turn: prompt to answer, and the first agent_message_chunk's delay after the stand-in printed it.</summary>
        public async Task<(double Turn, double First)> TurnAsync(string sessionId)
        {
            var id = ++nextId;
            var watch = Stopwatch.StartNew();
            await SendAsync(id, "session/prompt", new JsonObject { ["sessionId"] = sessionId, ["prompt"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "stream" }) });
            double? first = null;
            while (true)
            {
                var message = await ReadAsync();
                if (first is null && (string?)message["method"] == "session/update" && (string?)message["params"]?["update"]?["sessionUpdate"] == "agent_message_chunk")
                {
                    first = DelayOf((string)message["params"]!["update"]!["content"]!["text"]!);
                }
                else if (message["id"] is { } got && (int)got == id)
                {
                    if ((string?)message["result"]?["stopReason"] != "end_turn")
                    {
                        throw new InvalidOperationException("the ACP turn did not end well: " + message.ToJsonString());
                    }

                    return (watch.Elapsed.TotalMilliseconds, first ?? throw new InvalidOperationException("no agent_message_chunk before the answer"));
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close(); // the editor going away ends maestro acp
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            process.Dispose();
        }

        private async Task SendAsync(int id, string method, JsonObject parameters)
        {
            await process.StandardInput.WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString() + "\n");
            await process.StandardInput.FlushAsync();
        }

        private async Task<JsonObject> ReadAsync()
            => JsonNode.Parse(await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("maestro acp closed its stdout"))!.AsObject();
    }
}

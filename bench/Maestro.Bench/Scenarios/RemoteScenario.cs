using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Hardening;
using Maestro.TestSupport.Remote;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Issue 16's figures through a real daemon process: its idle memory with the remote page off and on, and the latency of
/// events from agent stdout to a phone on the page's WebSocket while 16 sessions stream (the flood STAND-IN for Claude
/// Code, paced). The phone is a plain WebSocket client that speaks what the page speaks; no browser is in the path.
/// </summary>
internal sealed class RemoteScenario : IBenchScenario
{
    private const int Sessions = 16;
    private static readonly JsonSerializerOptions Json = MaestroJson.CreateOptions();

    public string Name => "remote";

    public string Description => "remote page: idle memory off and on, event latency to a phone over the WebSocket";

    public async Task RunAsync(BenchContext context)
    {
        var perSession = context.Smoke ? 300 : 3000;
        using var sandbox = new TempDirectory("bench-remote");
        using var home = new TempDirectory("bench-remote-mh");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", DaemonStreaming.Flood, new Dictionary<string, string>
        {
            ["FLOOD_EVENTS"] = perSession.ToString(CultureInfo.InvariantCulture),
            ["FLOOD_RATE"] = "1000",
        });
        await using var daemon = MaestroProcess.Start(home.Path, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            // The editor's own view of the same events, over the daemon's socket: the side-by-side baseline, since on a
            // 2-core machine 16 flooding agents make the machine's queue, not Maestro, the larger part of a latency.
            var atEditor = new StreamRecorder();
            using var editor = await DaemonClient.ConnectAsync(paths, "bench-editor", atEditor);
            var off = ProcessMemory.Read(daemon.Process.Id);
            context.Report(Name, "idle daemon RSS, remote off (started, one client)", off.RssMegabytes, "MB");

            var started = await editor.InvokeWithParameterObjectAsync<RemoteStartResult>(Methods.RemoteStart, new RemoteStartParams());
            var recorder = new StreamRecorder();
            await using var phone = await RemoteSocket.ConnectAsync(new Uri(started.Url), keepNotifications: false);
            phone.Message += message =>
            {
                if ((string?)message["method"] == Methods.SessionsEvent)
                {
                    recorder.OnEvent(message["params"].Deserialize<SessionEventNotification>(Json)!);
                }
            };
            await phone.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = RemoteSocket.TokenOf(started.Url) });
            await phone.InitializeAsync();
            var on = ProcessMemory.Read(daemon.Process.Id);
            context.Report(Name, "idle daemon RSS, remote on with a phone connected", on.RssMegabytes, "MB", off.RssMegabytes, "remote off");
            context.Report(Name, "  remote on − remote off", on.RssMegabytes - off.RssMegabytes, "MB", target: 30);

            var ids = new List<string>();
            for (var i = 0; i < Sessions; i++)
            {
                ids.Add((await editor.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass })).Id);
            }

            await Task.WhenAll(ids.Select(id => editor.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "flood" })));
            await Wait.UntilAsync(() => recorder.Deltas >= perSession * Sessions, TimeSpan.FromMinutes(5), "every delta on the phone");
            await Wait.UntilAsync(() => atEditor.Deltas >= perSession * Sessions, TimeSpan.FromMinutes(5), "every delta in the editor");
            context.Report(Name, $"event latency p99, agent stdout → phone WebSocket ({Sessions} sessions at 1,000 events/s each)", recorder.LatencyPercentile(99), "ms", target: 20);
            context.Report(Name, "  the same events at the editor's socket, p99 (side by side)", atEditor.LatencyPercentile(99), "ms");
            context.Report(Name, "  same, median", recorder.LatencyPercentile(50), "ms", atEditor.LatencyPercentile(50), "editor socket, same events");
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }
}

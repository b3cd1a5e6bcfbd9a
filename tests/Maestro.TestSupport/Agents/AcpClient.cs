using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Maestro.TestSupport.Agents;

/// <summary>
/// A minimal Agent Client Protocol client over stdio (JSON-RPC 2.0, one message per line), enough to drive a real
/// ACP agent through initialize, session/new and session/prompt. It answers the agent's requests the way Maestro in
/// bypass mode would: permissions granted, fs/* served inside the workspace. Every line both ways is kept.
/// </summary>
public sealed class AcpClient : IAsyncDisposable
{
    private readonly Process process;
    private readonly string workspace;
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> pending = [];
    private readonly List<(string Direction, string Line)> transcript = [];
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly Task readLoop;
    private int nextId;

    private AcpClient(Process process, string workspace)
    {
        this.process = process;
        this.workspace = workspace;
        readLoop = Task.Run(ReadLoopAsync);
    }

    
    public IReadOnlyList<(string Direction, string Line)> Transcript
    {
        get
        {
            lock (transcript)
            {
                return [.. transcript];
            }
        }
    }

    public IReadOnlyList<JsonObject> Notifications => [.. Transcript.Where(t => t.Direction == "agent").Select(t => JsonNode.Parse(t.Line) as JsonObject).OfType<JsonObject>().Where(m => m["method"] is not null && m["id"] is null)];

    public string Stderr { get; private set; } = string.Empty;

    /// <summary>The transcript as JSON lines <c>{"from": "client"|"agent", "message": LINE}</c>, each line kept byte for byte.</summary>
    public IEnumerable<string> TranscriptLines => Transcript.Select(t => $"{{\"from\":\"{t.Direction}\",\"message\":{t.Line}}}");

    public static AcpClient Start(string fileName, string workspace, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workspace,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var client = new AcpClient(process, workspace);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (client.transcript)
                {
                    client.Stderr += e.Data + "\n";
                }
            }
        };
        process.BeginErrorReadLine();
        return client;
    }

    /// <summary>Sends a request and waits for its response; a JSON-RPC error becomes an exception.</summary>
    public async Task<JsonNode?> RequestAsync(string method, JsonObject parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref nextId);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pending)
        {
            pending[id] = done;
        }

        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var response = await done.Task.WaitAsync(timeout);
        if (response["error"] is JsonNode error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}\n{Stderr}");
        }

        return response["result"];
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None);
        await readLoop;
        process.Dispose();
        writeLock.Dispose();
    }

    private async Task SendAsync(JsonObject message)
    {
        var line = message.ToJsonString();
        await writeLock.WaitAsync();
        try
        {
            lock (transcript)
            {
                transcript.Add(("client", line));
            }

            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (transcript)
            {
                transcript.Add(("agent", line));
            }

            if (JsonNode.Parse(line) is not JsonObject message)
            {
                continue;
            }

            var isResponse = message["id"] is not null && message["method"] is null;
            if (isResponse)
            {
                TaskCompletionSource<JsonObject>? done;
                lock (pending)
                {
                    pending.Remove(message["id"]!.GetValue<int>(), out done);
                }

                done?.TrySetResult(message);
            }
            else if (message["id"] is not null)
            {
                await SendAsync(Answer(message));
            }
        }

        lock (pending)
        {
            foreach (var waiting in pending.Values)
            {
                waiting.TrySetException(new InvalidOperationException($"The ACP agent exited.\n{Stderr}"));
            }
        }
    }

    private JsonObject Answer(JsonObject request)
    {
        var id = request["id"]!.DeepClone();
        var parameters = request["params"] as JsonObject ?? [];
        try
        {
            JsonNode? result = request["method"]!.GetValue<string>() switch
            {
                "session/request_permission" => Permit(parameters),
                "fs/read_text_file" => new JsonObject { ["content"] = File.ReadAllText(InWorkspace(parameters)) },
                "fs/write_text_file" => Write(parameters),
                var other => throw new NotSupportedException($"Method not found: {other}"),
            };
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result };
        }
        catch (Exception e) when (e is NotSupportedException or IOException or UnauthorizedAccessException)
        {
            var code = e is NotSupportedException ? -32601 : -32603;
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = code, ["message"] = e.Message } };
        }
    }

    /// <summary>Picks the agent's "allow" option, as the bypass permission mode does.</summary>
    private static JsonObject Permit(JsonObject parameters)
    {
        var options = parameters["options"] as JsonArray ?? [];
        var allow = options.FirstOrDefault(o => o?["kind"]?.GetValue<string>() == "allow_once")
            ?? options.FirstOrDefault(o => o?["kind"]?.GetValue<string>()?.StartsWith("allow", StringComparison.Ordinal) == true);
        return allow is null
            ? new JsonObject { ["outcome"] = new JsonObject { ["outcome"] = "cancelled" } }
            : new JsonObject { ["outcome"] = new JsonObject { ["outcome"] = "selected", ["optionId"] = allow["optionId"]!.DeepClone() } };
    }

    private JsonNode? Write(JsonObject parameters)
    {
        File.WriteAllText(InWorkspace(parameters), parameters["content"]?.GetValue<string>() ?? string.Empty);
        return null;
    }

    /// <summary>fs/* requests are served only for paths inside the session's workspace.</summary>
    private string InWorkspace(JsonObject parameters)
    {
        var path = Path.GetFullPath(parameters["path"]!.GetValue<string>());
        var root = Path.GetFullPath(workspace) + Path.DirectorySeparatorChar;
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException($"{path} is outside the workspace {workspace}.");
        }

        return path;
    }
}

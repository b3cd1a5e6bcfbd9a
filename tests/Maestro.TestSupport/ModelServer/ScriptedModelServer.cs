using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maestro.TestSupport.ModelServer;

/// <summary>
/// A local model endpoint for the real agent CLIs: Anthropic Messages, OpenAI Responses, Chat Completions and Gemini,
/// answering from a script. A turn's tool calls answer the agent's first request; the text after them answers the
/// follow-up request that carries the tool results. Every request is recorded.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    /// <summary>What side requests (no tools offered) and requests past the end of the script get.</summary>
    public const string FallbackText = "Mock title";

    private readonly WebApplication app;
    private readonly Queue<ModelReply> replies = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Queue<ServerFault> failures = new();
    private readonly Queue<(int AfterReplies, ServerFault Failure)> laterFailures = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly object gate = new();
    private int replyCount;
    private int scriptedEnqueued;
    private int scriptedServed;
    private ServerFault? fault;

    private ScriptedModelServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:PORT, no trailing slash.</summary>
    public Uri BaseUri { get; }

    public string BaseUrl => BaseUri.ToString().TrimEnd('/');

    /// <summary>Usage reported by replies scripted without their own.</summary>
    public ModelUsage DefaultUsage { get; set; } = new(1200, 80);

    /// <summary>While set, every model request fails this way instead of consuming the script.</summary>
    public ServerFault? Fault
    {
        get => Volatile.Read(ref fault);
        set => Volatile.Write(ref fault, value);
    }

    /// <summary>
    /// The next <paramref name="count"/> model requests the script would answer (those that offer tools: side requests
    /// such as titles are served) fail this way; then the script goes on. "529 for N requests then success".
    /// </summary>
    public void FailNext(int count, ServerFault failure)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                failures.Enqueue(failure);
            }
        }
    }

    /// <summary>
    /// Once every reply scripted so far has been served, the next <paramref name="count"/> model requests fail this
    /// way; then the replies scripted after this call are served. A failure in the middle of a script: "the quota
    /// runs out after the first task".
    /// </summary>
    public void FailAfterScripted(int count, ServerFault failure)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                laterFailures.Enqueue((scriptedEnqueued, failure));
            }
        }
    }

    /// <summary>Scripted failures not yet served.</summary>
    public int PendingFailures
    {
        get
        {
            lock (gate)
            {
                return failures.Count + laterFailures.Count;
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Requests that consumed a scripted reply, in order.</summary>
    public IReadOnlyList<RecordedRequest> ScriptedRequests => [.. Requests.Where(r => r.ServedAs == ServedAs.Scripted)];

    public int PendingReplies
    {
        get
        {
            lock (gate)
            {
                return replies.Count;
            }
        }
    }

    public static async Task<ScriptedModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        ScriptedModelServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ScriptedModelServer(app, new Uri(address));
        return server;
    }

    /// <summary>
    /// Scripts one agent turn. Steps up to and including the last tool call of a run of tool calls form one reply
    /// (stop reason: tool use); text after tool calls starts the next reply, which answers the request with the results.
    /// </summary>
    public void EnqueueTurn(params ScriptStep[] steps) => EnqueueTurn(null, steps);

    public void EnqueueTurn(ModelUsage? usage, params ScriptStep[] steps)
    {
        var current = new List<ScriptStep>();
        foreach (var step in steps)
        {
            if (step is TextStep && current.Any(s => s is ToolCallStep))
            {
                EnqueueReply(usage, current);
                current = [];
            }

            current.Add(step);
        }

        if (current.Count > 0)
        {
            EnqueueReply(usage, current);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private void EnqueueReply(ModelUsage? usage, List<ScriptStep> steps)
    {
        lock (gate)
        {
            replies.Enqueue(new ModelReply(++replyCount, [.. steps], usage ?? DefaultUsage));
            scriptedEnqueued++;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, context.RequestAborted);
        var token = cancellation.Token;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(token);
        var path = context.Request.Path + context.Request.QueryString;
        var api = ModelRequests.Classify(context.Request.Path);
        var json = TryParse(body);
        var currentFault = Fault;
        if (currentFault is null && api is not (ModelApi.Other or ModelApi.AnthropicCountTokens))
        {
            currentFault = NextFailure(json);
        }

        var (servedAs, reply) = (api, currentFault) switch
        {
            (ModelApi.Other or ModelApi.AnthropicCountTokens, _) => (ServedAs.Other, null),
            (_, not null) => (ServedAs.Fault, null),
            _ => NextReply(json),
        };
        Record(context, path, api, body, servedAs, reply);

        try
        {
            await AnswerAsync(context, api, json, servedAs, reply, currentFault, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The CLI gave up (or was killed) or the server is stopping: nothing left to answer.
        }
    }

    private static async Task AnswerAsync(HttpContext context, ModelApi api, JsonNode? json, ServedAs servedAs, ModelReply? reply, ServerFault? currentFault, CancellationToken token)
    {
        if (servedAs == ServedAs.Other)
        {
            await AnswerOtherAsync(context, api, json, token);
            return;
        }

        if (servedAs == ServedAs.Fault)
        {
            if (currentFault!.Drops)
            {
                context.Abort();
                return;
            }

            if (currentFault.StallsStream)
            {
                SseWriter.Start(context.Response);
                await context.Response.Body.FlushAsync(token);
            }

            if (currentFault.Status is null)
            {
                await Task.Delay(Timeout.Infinite, token);
                return;
            }

            foreach (var (name, value) in currentFault.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await WriteErrorAsync(context, api, currentFault.Status.Value, currentFault.Message, token);
            return;
        }

        var write = api switch
        {
            ModelApi.AnthropicMessages => AnthropicMessagesApi.WriteAsync(context, json, reply!, token),
            ModelApi.OpenAIResponses => OpenAIResponsesApi.WriteAsync(context, json, reply!, token),
            ModelApi.OpenAIChatCompletions => ChatCompletionsApi.WriteAsync(context, json, reply!, token),
            ModelApi.Gemini => GeminiApi.WriteAsync(context, json, reply!, token),
            _ => throw new InvalidOperationException($"No writer for {api}."),
        };
        await write;
    }

    private static Task AnswerOtherAsync(HttpContext context, ModelApi api, JsonNode? json, CancellationToken token)
    {
        if (api == ModelApi.AnthropicCountTokens)
        {
            // A rough count is enough: the CLI only uses it to decide on compaction.
            var size = json?.ToJsonString().Length ?? 0;
            return context.Response.WriteAsJsonAsync(new { input_tokens = Math.Max(1, size / 4) }, token);
        }

        // The Claude Agent SDK's bundled CLI checks the endpoint with HEAD / before its first call.
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        if (context.Request.Path.Value?.EndsWith("/models", StringComparison.Ordinal) == true)
        {
            return context.Response.WriteAsJsonAsync(new { @object = "list", data = Array.Empty<object>() }, token);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsJsonAsync(new { error = new { message = $"Mock model server: no route for {context.Request.Method} {context.Request.Path}" } }, token);
    }

    private static Task WriteErrorAsync(HttpContext context, ModelApi api, int status, string? message, CancellationToken token) => api switch
    {
        ModelApi.AnthropicMessages => AnthropicMessagesApi.WriteErrorAsync(context, status, token, message),
        ModelApi.Gemini => GeminiApi.WriteErrorAsync(context, status, token, message),
        _ => OpenAIResponsesApi.WriteErrorAsync(context, status, token, message),
    };

    private ServerFault? NextFailure(JsonNode? json)
    {
        lock (gate)
        {
            if (!ModelRequests.OffersTools(json))
            {
                return null;
            }

            if (failures.TryDequeue(out var failure))
            {
                return failure;
            }

            return laterFailures.TryPeek(out var later) && later.AfterReplies <= scriptedServed ? laterFailures.Dequeue().Failure : null;
        }
    }

    private (ServedAs, ModelReply?) NextReply(JsonNode? json)
    {
        lock (gate)
        {
            if (!ModelRequests.OffersTools(json))
            {
                return (ServedAs.Auxiliary, new ModelReply(++replyCount, [ScriptStep.Text(FallbackText)], DefaultUsage));
            }

            if (replies.TryDequeue(out var reply))
            {
                scriptedServed++;
                return (ServedAs.Scripted, reply);
            }

            return (ServedAs.Unscripted, new ModelReply(++replyCount, [ScriptStep.Text(FallbackText)], DefaultUsage));
        }
    }

    private void Record(HttpContext context, string path, ModelApi api, string body, ServedAs servedAs, ModelReply? reply)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        lock (gate)
        {
            requests.Add(new RecordedRequest(requests.Count + 1, context.Request.Method, path, api, headers, body, servedAs, reply));
        }
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

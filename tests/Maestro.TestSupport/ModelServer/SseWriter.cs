using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Maestro.TestSupport.ModelServer;

/// <summary>Server-sent events, flushed one by one so the CLI sees a real stream.</summary>
internal sealed class SseWriter
{
    private readonly HttpResponse response;

    private SseWriter(HttpResponse response) => this.response = response;

    public static SseWriter Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        return new SseWriter(response);
    }

    /// <summary>Writes <c>event: name</c> (when given) and <c>data: json</c>.</summary>
    public async Task WriteAsync(string? eventName, object data, CancellationToken cancellation)
    {
        var json = data as string ?? JsonSerializer.Serialize(data);
        var text = eventName is null ? $"data: {json}\n\n" : $"event: {eventName}\ndata: {json}\n\n";
        await response.WriteAsync(text, cancellation);
        await response.Body.FlushAsync(cancellation);
    }
}

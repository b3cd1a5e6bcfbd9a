using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Maestro.Server.Remote;

/// <summary>
/// What the remote server serves over HTTP: the page (<c>/</c>) and the shared panel's bundle (<c>/panel.js</c>,
/// <c>/panel.css</c>), embedded in this assembly at build time. Nothing else exists: any other path, a directory, a
/// traversal in any encoding is 404, decided on the raw path before anything decodes it.
/// </summary>
public static class RemotePage
{
    /// <summary>
    /// No inline script or style, nothing from elsewhere; the socket only to this origin (named as ws:// too: older
    /// Safari does not count ws: as 'self').
    /// </summary>
    public static string ContentSecurityPolicy(string authority) => ContentSecurityPolicyFor("ws://" + authority);

    /// <param name="socketOrigin"><c>ws://HOST:PORT</c> on this machine, <c>wss://….trycloudflare.com</c> through the tunnel.</param>
    public static string ContentSecurityPolicyFor(string socketOrigin) =>
        $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' {socketOrigin}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["/panel.js"] = ("remote/panel.js", "text/javascript; charset=utf-8"),
        ["/panel.css"] = ("remote/panel.css", "text/css; charset=utf-8"),
    };

    /// <summary>Each asset read from the assembly once, on its first request (nothing while remote access is off).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    private static readonly byte[] Index = Encoding.UTF8.GetBytes("""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
          <meta name="referrer" content="no-referrer">
          <title>Maestro</title>
          <link rel="stylesheet" href="/panel.css">
        </head>
        <body class="maestro-remote">
          <div id="maestro-root" data-host="remote"></div>
          <script src="/panel.js"></script>
        </body>
        </html>
        """);

    /// <summary>True when this build carries the panel bundle (a server built without Node has none).</summary>
    public static bool HasBundle => typeof(RemotePage).Assembly.GetManifestResourceInfo("remote/panel.js") is not null;

    /// <summary>Answers one HTTP request that is not the WebSocket.</summary>
    /// <param name="socketOrigin">Where the page's socket goes: the Host it was asked under (checked), as ws:// or wss://.</param>
    public static async Task ServeAsync(HttpContext context, string socketOrigin)
    {
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicyFor(socketOrigin);
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        // The raw target, not the decoded Path: "/%2e%2e/", "/..%2f" and "/panel.js/" are simply not one of the names.
        var raw = RawPath(context);
        if (raw == "/")
        {
            await WriteAsync(response, "text/html; charset=utf-8", Index, context.RequestAborted);
            return;
        }

        if (Assets.TryGetValue(raw, out var asset) && Read(asset.Resource) is { } bytes)
        {
            await WriteAsync(response, asset.ContentType, bytes, context.RequestAborted);
            return;
        }

        response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static string RawPath(HttpContext context)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? target : target[..query];
    }

    private static byte[]? Read(string resource) => Cache.GetOrAdd(resource, Load);

    private static byte[]? Load(string resource)
    {
        using var stream = typeof(RemotePage).Assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task WriteAsync(HttpResponse response, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}

using System.Net.Sockets;
using System.Text;

namespace Maestro.Server.Tests.Remote;

/// <summary>
/// HTTP/1.1 requests written byte for byte: HttpClient and Uri would normalize "/../" and "%2e%2e" away before the
/// server ever saw them, and the point is what the server does with them.
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, Dictionary<string, string> Headers, string Body)> GetAsync(int port, string target, string? host = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await using var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {host ?? "127.0.0.1:" + port}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var all = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var split = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = all[..split].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return (status, headers, all[(split + 4)..]);
    }
}

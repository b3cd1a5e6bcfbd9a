using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Sessions;

/// <summary>Refuses MCP servers an agent could not start or reach, before a turn fails on them.</summary>
internal static class McpServerCheck
{
    public static IReadOnlyList<McpServer> Checked(IReadOnlyList<McpServer> servers)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            if (string.IsNullOrWhiteSpace(server.Name) || !names.Add(server.Name))
            {
                throw new InvalidParamsException($"Each MCP server needs a name of its own (got '{server.Name}').");
            }

            if (server.Transport == McpTransport.Stdio && (server.Command is null || !Path.IsPathFullyQualified(server.Command)))
            {
                throw new InvalidParamsException($"The MCP server '{server.Name}' needs 'command', the absolute path of its program (got '{server.Command}').");
            }

            if (server.Transport != McpTransport.Stdio && !(Uri.TryCreate(server.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            {
                throw new InvalidParamsException($"The MCP server '{server.Name}' needs 'url', an http(s) address (got '{server.Url}').");
            }
        }

        return [.. servers];
    }
}

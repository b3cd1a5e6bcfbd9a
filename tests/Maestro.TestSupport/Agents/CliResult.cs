using System.Text.Json.Nodes;

namespace Maestro.TestSupport.Agents;

/// <summary>What a CLI run printed and how it ended; <see cref="TimedOut"/> means it was killed (timeout or stop).</summary>
public sealed record CliResult(int ExitCode, IReadOnlyList<string> StdoutLines, string Stderr, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>Stdout lines that parse as JSON objects; the CLIs may print other lines too.</summary>
    public IReadOnlyList<JsonObject> Events => [.. StdoutLines.Select(TryParse).OfType<JsonObject>()];

    public IEnumerable<JsonObject> OfType(string type) => Events.Where(e => e["type"]?.GetValue<string>() == type);

    public string Describe() =>
        $"exit {ExitCode}{(TimedOut ? " (timed out, killed)" : string.Empty)} after {Elapsed.TotalSeconds:F1}s\n--- stdout ---\n{string.Join('\n', StdoutLines)}\n--- stderr ---\n{Stderr}";

    private static JsonNode? TryParse(string line)
    {
        try
        {
            return line.StartsWith('{') ? JsonNode.Parse(line) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

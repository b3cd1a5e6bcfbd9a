using System.Globalization;
using System.Text;

namespace Maestro.Server.Stats;

/// <summary>Writes turns as RFC 4180 CSV: a header line, invariant numbers, UTC ISO 8601 times, quoted only when needed.</summary>
public static class StatsCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "ended_at", "day", "started_at", "agent_id", "model", "project", "session_id", "turn_id", "run_id", "wall_ms", "busy_ms",
        "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd", "cost_known", "stop_reason",
    ];

    public static string Write(IEnumerable<StatsExportRow> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var r in rows)
        {
            string[] fields =
            [
                Time(r.EndedAt), r.Day, Time(r.StartedAt), r.AgentId, r.Model ?? string.Empty, r.Project, r.SessionId, r.TurnId, r.RunId ?? string.Empty,
                Number(r.WallMs), Number(r.BusyMs), Number(r.InputTokens), Number(r.OutputTokens), Number(r.CacheReadTokens), Number(r.CacheWriteTokens),
                r.CostKnown ? r.CostUsd.ToString("0.#########", CultureInfo.InvariantCulture) : string.Empty,
                r.CostKnown ? "true" : "false", r.StopReason ?? string.Empty,
            ];
            text.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Hosting;

namespace Maestro.Server.Cli;

/// <summary><c>maestro stats [--since DATE] [--until DATE] [--by day|agent|model|project] [--json|--csv]</c>, <c>maestro stats leaderboard</c> and <c>maestro stats outages</c>, through the daemon.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only turns that ended on or after this date (yyyy-MM-dd, local midnight) or time (ISO 8601)." };
        var until = new Option<string?>("--until") { Description = "Only turns that ended before this date or time." };
        var by = new Option<StatsGroupBy?>("--by") { Description = "Split the totals by day, agent, model or project." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the stats/get result)." };
        var csv = new Option<bool>("--csv") { Description = "Print every turn as CSV (the stats/export text)." };
        var command = new Command("stats", "Tokens, cost and time the agents spent, from the local store; nothing is sent anywhere.") { since, until, by, json, csv };
        command.Subcommands.Add(Leaderboard());
        command.Subcommands.Add(Outages());
        command.SetAction(async (result, cancellationToken) =>
        {
            var from = ParseDate(result.GetValue(since), "--since");
            var to = ParseDate(result.GetValue(until), "--until");
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            if (result.GetValue(csv))
            {
                var export = await client.InvokeAsync<StatsExportResult>(Methods.StatsExport, new StatsExportParams { Format = "csv", Since = from, Until = to }, cancellationToken);
                CliConsole.Out.Write(export.Text);
                return ExitCodes.Ok;
            }

            var stats = await client.InvokeAsync<StatsResult>(Methods.StatsGet, new StatsGetParams { Since = from, Until = to, GroupBy = result.GetValue(by) }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(stats, CliJsonContext.Default.StatsResult));
                return ExitCodes.Ok;
            }

            // The first column is what the totals are split by (a project is a path: shortened from its start).
            var key = result.GetValue(by);
            var table = new CliTable(key is { } k ? CliWords.Of(k).ToUpperInvariant() : string.Empty, "TURNS", "INPUT", "OUTPUT", "COST USD", "TIME", "TASKS")
            {
                Flexible = 0,
                KeepEnd = key == StatsGroupBy.Project,
                RightAligned = new HashSet<int> { 1, 2, 3, 4, 5, 6 },
            };
            foreach (var group in stats.Groups)
            {
                AddRow(table, group.Key, group.Totals);
            }

            AddRow(table, "total", stats.Totals);
            table.Write(CliConsole.Out);
            if (stats.Totals.UncountedTurns > 0)
            {
                CliConsole.Out.WriteLine($"{CliWords.Count(stats.Totals.UncountedTurns, "turn")} used tokens but their agent reported no cost: they are counted by tokens, not in money.");
            }

            var outages = await client.InvokeAsync<StatsOutagesResult>(Methods.StatsOutages, new StatsOutagesParams { Since = from, Until = to }, cancellationToken);
            if (outages.Totals.Outages > 0)
            {
                CliConsole.Out.WriteLine(OutageLine("Provider outages:", outages.Totals));
                foreach (var agent in outages.ByAgent)
                {
                    CliConsole.Out.WriteLine(OutageLine("  " + agent.Key, agent.Totals));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Leaderboard()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the stats/leaderboard result)." };
        var command = new Command("leaderboard", "Cumulative Auto Run time and its rank, the longest runs, the most tasks done, and each agent's record.") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var board = await client.InvokeAsync<StatsLeaderboardResult>(Methods.StatsLeaderboard, new StatsLeaderboardParams(), cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(board, CliJsonContext.Default.StatsLeaderboardResult));
                return ExitCodes.Ok;
            }

            var rank = board.Rank is { } r ? $"{r.Name} (level {r.Level})" : "no rank yet";
            var next = board.NextRank is { } n ? $"; {n.Name} at {Duration(n.FromMs)}" : string.Empty;
            CliConsole.Out.WriteLine($"Auto Run time: {Duration(board.AutoRunMs)}, {rank}{next}");
            CliConsole.Out.WriteLine("Longest runs:");
            var place = 0;
            foreach (var run in board.LongestRuns)
            {
                CliConsole.Out.WriteLine($"  {++place,2}. {Duration(run.DurationMs),10}  {run.TasksDone}/{run.TasksAttempted} tasks  {Money(run.CostUsd),10}  {run.AgentId,-12} {run.Outcome?.ToString() ?? "running",-15} {run.Playbook}");
            }

            CliConsole.Out.WriteLine("Agents:");
            foreach (var agent in board.Agents)
            {
                var rate = agent.SuccessRate is { } s ? s.ToString("P0", CultureInfo.InvariantCulture) : "-";
                var perTask = agent.CostPerTaskUsd is { } c ? Money(c) : "-";
                CliConsole.Out.WriteLine($"  {agent.AgentId,-14} {agent.TasksDone}/{agent.TasksAttempted} tasks ({rate})  {Money(agent.CostUsd)} total, {perTask} per task  {Duration(agent.AutoRunMs)} in {CliWords.Count(agent.Runs, "run")}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Outages()
    {
        var since = new Option<string?>("--since") { Description = "Only outages that closed on or after this date (yyyy-MM-dd, local midnight) or time (ISO 8601)." };
        var until = new Option<string?>("--until") { Description = "Only outages that closed before this date or time." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the stats/outages result)." };
        var command = new Command("outages", "Provider outages Maestro bridged by resending, the downtime covered and the recovery rate, per agent and per day.") { since, until, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new StatsOutagesParams { Since = ParseDate(result.GetValue(since), "--since"), Until = ParseDate(result.GetValue(until), "--until") };
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var outages = await client.InvokeAsync<StatsOutagesResult>(Methods.StatsOutages, request, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(outages, CliJsonContext.Default.StatsOutagesResult));
                return ExitCodes.Ok;
            }

            CliConsole.Out.WriteLine(OutageLine("Provider outages:", outages.Totals));
            CliConsole.Out.WriteLine("By agent:");
            foreach (var agent in outages.ByAgent)
            {
                CliConsole.Out.WriteLine(OutageLine("  " + agent.Key, agent.Totals));
            }

            CliConsole.Out.WriteLine("By day:");
            foreach (var day in outages.ByDay)
            {
                CliConsole.Out.WriteLine(OutageLine("  " + day.Key, day.Totals));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"claude-code  3 outages, 2 bridged (67%), 1m 30s downtime covered, 1 failed over".</summary>
    private static string OutageLine(string label, OutageTotals t)
    {
        var rate = t.RecoveryRate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "-";
        var failedOver = t.FailedOver > 0 ? $", {t.FailedOver} failed over" : string.Empty;
        return $"{label,-20} {CliWords.Count(t.Outages, "outage")}, {t.Bridged} bridged ({rate}), {Duration(t.DowntimeCoveredMs)} downtime covered{failedOver}";
    }

    private static DateTimeOffset? ParseDate(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time)
            ? time
            : throw new InvalidParamsException($"{option} '{text}' is not a date (yyyy-MM-dd) or an ISO 8601 time.");
    }

    private static void AddRow(CliTable table, string key, StatsTotals t)
        => table.Add(key, Number(t.Turns), Number(t.InputTokens), Number(t.OutputTokens), Money(t.CostUsd), Duration(t.RuntimeMs), Number(t.TasksDone));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal usd) => "$" + usd.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Duration(long ms)
    {
        var span = TimeSpan.FromMilliseconds(ms);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s"
            : span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
    }
}

using System.Globalization;
using Maestro.Server.Storage;

namespace Maestro.Server.Agents.Running;

/// <summary>
/// The last running cost total each agent conversation reported, kept in the database so a turn after a restart still
/// costs only its own share. Claude Code reports <c>total_cost_usd</c> for the whole conversation on <c>--resume</c>.
/// </summary>
public sealed class AgentCostTotals
{
    private readonly MaestroDatabase database;

    public AgentCostTotals(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>The total last reported for the conversation, 0 when none was.</summary>
    public Task<decimal> GetAsync(string agentSessionId, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT total_usd FROM agent_cost_totals WHERE agent_session_id = $id;";
            command.Parameters.AddWithValue("$id", agentSessionId);
            return await command.ExecuteScalarAsync(cancellationToken) is string total ? decimal.Parse(total, CultureInfo.InvariantCulture) : 0m;
        },
        cancellationToken);

    public Task SetAsync(string agentSessionId, decimal total, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT INTO agent_cost_totals (agent_session_id, total_usd, updated_at) VALUES ($id, $total, $now)
                ON CONFLICT (agent_session_id) DO UPDATE SET total_usd = excluded.total_usd, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$id", agentSessionId);
            command.Parameters.AddWithValue("$total", total.ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>
    /// What a turn cost, from the running total before it and the one it reported. A total below the one before means
    /// a new conversation (the resume did not take): all of it is this turn's.
    /// </summary>
    public static decimal TurnCost(decimal before, decimal reported) => reported >= before ? reported - before : reported;
}

using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>How <c>stats/get</c> splits its totals.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<StatsGroupBy>))]
public enum StatsGroupBy
{
    /// <summary>The local calendar day a turn ended on (yyyy-MM-dd).</summary>
    Day,
    Agent,

    /// <summary>The session's model; "default" when the agent chose its own.</summary>
    Model,

    /// <summary>The folder the session was started in (a worktree session counts for its repository).</summary>
    Project,
}

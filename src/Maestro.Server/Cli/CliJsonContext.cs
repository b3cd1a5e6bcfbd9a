using System.Text.Json;
using System.Text.Json.Serialization;
using Maestro.Protocol;

namespace Maestro.Server.Cli;

/// <summary>JSON for the CLI's <c>--json</c> outputs (not part of the wire protocol).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(SessionsDeleted))]
[JsonSerializable(typeof(DaemonStatusResult))]
[JsonSerializable(typeof(AgentsListResult))]
[JsonSerializable(typeof(SessionListResult))]
[JsonSerializable(typeof(SessionEventNotification))]
[JsonSerializable(typeof(SessionPromptResult))]
[JsonSerializable(typeof(WorktreeListResult))]
[JsonSerializable(typeof(Worktree))]
[JsonSerializable(typeof(WorktreeMergeResult))]
[JsonSerializable(typeof(WorktreePruneResult))]
[JsonSerializable(typeof(WorktreeRemoveResult))]
[JsonSerializable(typeof(ReviewChangesResult))]
[JsonSerializable(typeof(CliError))]
[JsonSerializable(typeof(ReviewDecided))]
[JsonSerializable(typeof(CliDone))]
[JsonSerializable(typeof(DaemonOutcome))]
[JsonSerializable(typeof(DaemonLogs))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(StatsResult))]
[JsonSerializable(typeof(StatsLeaderboardResult))]
[JsonSerializable(typeof(StatsOutagesResult))]
[JsonSerializable(typeof(ChatListResult))]
[JsonSerializable(typeof(Room))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(RemoteStartResult))]
[JsonSerializable(typeof(RemoteStatusResult))]
[JsonSerializable(typeof(RunsListResult))]
[JsonSerializable(typeof(Run))]
[JsonSerializable(typeof(PlaybooksListResult))]
[JsonSerializable(typeof(Playbooks.Import.PlaybookImportResult))]
[JsonSerializable(typeof(HostInfo))]
[JsonSerializable(typeof(HostListResult))]
[JsonSerializable(typeof(HostTestResult))]
[JsonSerializable(typeof(HostInstallResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}

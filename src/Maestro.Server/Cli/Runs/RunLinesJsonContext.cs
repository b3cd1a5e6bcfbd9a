using System.Text.Json;
using System.Text.Json.Serialization;
using Maestro.Protocol;

namespace Maestro.Server.Cli.Runs;

/// <summary>One-line JSON for <c>maestro run --json</c>: progress as <c>runs/progress</c> sends it, then a summary.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunProgressNotification))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(RunErrorLine))]
[JsonSerializable(typeof(DryRunLine))]
internal sealed partial class RunLinesJsonContext : JsonSerializerContext
{
}

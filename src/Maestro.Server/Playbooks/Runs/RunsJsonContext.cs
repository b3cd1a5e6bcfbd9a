using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>Serializers for what the run store keeps as JSON.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunSettings))]
internal sealed partial class RunsJsonContext : JsonSerializerContext
{
}

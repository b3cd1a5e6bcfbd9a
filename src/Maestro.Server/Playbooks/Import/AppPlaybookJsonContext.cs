using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maestro.Server.Playbooks.Import;

/// <summary>Reads the app's saved playbooks (trimming-safe). Unknown fields are skipped: the app adds some in every release.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(AppPlaybook))]
[JsonSerializable(typeof(AppPlaybookStore))]
[JsonSerializable(typeof(IReadOnlyList<AppPlaybook>))]
internal sealed partial class AppPlaybookJsonContext : JsonSerializerContext
{
}

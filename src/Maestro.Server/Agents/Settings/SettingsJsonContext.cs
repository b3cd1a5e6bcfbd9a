using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maestro.Server.Agents.Settings;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(MaestroSettings))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext
{
}

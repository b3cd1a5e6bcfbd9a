using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maestro.ModelServerHost;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ControlTurn))]
[JsonSerializable(typeof(ControlFault))]
[JsonSerializable(typeof(ControlFailures))]
[JsonSerializable(typeof(RequestSummary[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ControlJsonContext : JsonSerializerContext
{
}

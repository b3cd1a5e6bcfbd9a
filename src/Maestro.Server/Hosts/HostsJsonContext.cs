using System.Text.Json.Serialization;

namespace Maestro.Server.Hosts;

/// <summary>Serializers for the JSON columns of the hosts table.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class HostsJsonContext : JsonSerializerContext
{
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maestro.Server.Chat;

/// <summary>Serializers for what the chat store keeps as JSON.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ChatJsonContext : JsonSerializerContext
{
}

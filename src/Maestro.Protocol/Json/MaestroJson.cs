using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Maestro.Protocol;

/// <summary>The one set of JSON options for the wire: camelCase, nulls omitted, source-generated types first.</summary>
public static class MaestroJson
{
    // The trimmed server (issue 21) roots StreamJsonRpc whole, so the envelope types the fallback resolver reflects over
    // are never trimmed; every protocol type goes through the generated context.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The reflection fallback only sees StreamJsonRpc's envelope types, rooted in the trimmed build.")]
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(MaestroJsonContext.Default.Options)
        {
            // The generated context covers every protocol type; the reflection resolver is the fallback
            // for the JSON-RPC library's own envelope types.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(MaestroJsonContext.Default, new DefaultJsonTypeInfoResolver()),

            // The wire is never embedded in HTML; readable quotes and non-ASCII text beat \u escapes.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return options;
    }
}

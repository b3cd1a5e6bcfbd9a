using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// tests/exchanges as the recording tests see it. With MAESTRO_RECORD_EXCHANGES=1 an exchange (re)writes its
/// file; otherwise the live exchange must have the committed file's shape (<see cref="JsonShape"/>), so the
/// recorder is exercised on every run and a file cannot drift from what the server says.
/// </summary>
public static partial class ExchangeStore
{
    public const string RecordVariable = "MAESTRO_RECORD_EXCHANGES";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Recording => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    public static string Folder => Path.Combine(RepoRoot.Path, "tests", "exchanges");

    /// <summary>The file name for a method and an optional variant: <c>review/accept</c>, "StaleHunk" → review-accept-StaleHunk.json.</summary>
    public static string FileName(string method, string? variant = null)
        => method.Replace('/', '-') + (variant is null ? string.Empty : "-" + variant) + ".json";

    /// <summary>Writes (when recording) or checks (otherwise) one exchange; temp paths become /tmp/sandbox first.</summary>
    public static void SaveOrCompare(string file, JsonObject exchange)
    {
        var normalized = JsonNode.Parse(Normalize(exchange.ToJsonString()))!.AsObject();
        var path = Path.Combine(Folder, file);
        if (Recording)
        {
            File.WriteAllText(path, normalized.ToJsonString(Indented) + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"{file} is not recorded; run the exchange tests with {RecordVariable}=1 to write it.");
        var committed = JsonNode.Parse(File.ReadAllText(path));
        var differences = JsonShape.Differences(committed, normalized);
        Assert.True(
            differences.Count == 0,
            $"{file}: the live exchange no longer has the recorded shape (re-record with {RecordVariable}=1 if the change is meant):\n"
            + string.Join('\n', differences) + "\nlive:\n" + normalized.ToJsonString(Indented));
    }

    /// <summary>Temp folders of the tests (/tmp/maestro-tests/&lt;prefix&gt;-&lt;id&gt;) become /tmp/sandbox, as in the committed files.</summary>
    public static string Normalize(string json) => TempFolder().Replace(json, "/tmp/sandbox");

    [GeneratedRegex(@"/tmp/maestro-tests/[A-Za-z0-9_.-]+-[0-9a-f]{10}")]
    private static partial Regex TempFolder();
}

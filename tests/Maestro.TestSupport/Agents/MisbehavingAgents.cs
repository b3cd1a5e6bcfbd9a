using System.Text.Json;

namespace Maestro.TestSupport.Agents;

/// <summary>
/// The misbehaving agent STAND-INS (tests/fixtures/agents/misbehaving-claude.mjs in Claude Code's shape as
/// <c>claude-code</c>, misbehaving-acp.mjs as <c>acp:misbehaving</c>): the prompt names the fault. Short sizes by
/// default; the hardening suites' long mode (MAESTRO_LONG_TESTS=1, or the older MAESTRO_LONG_FAULTS=1) uses the audit's
/// (a 300 MB line, 200k updates).
/// </summary>
public static class MisbehavingAgents
{
    public const string Native = "claude-code";

    public const string Acp = "acp:misbehaving";

    /// <summary>The value of <c>LEAKED</c>, whose name says nothing secret: it must still never show.</summary>
    public const string Leaked = "hunter2-very-private-value";

    public static bool LongMode => Hardening.LongTests.Enabled || Environment.GetEnvironmentVariable("MAESTRO_LONG_FAULTS") == "1";

    public static int HugeLineMegabytes => LongMode ? 300 : 40;

    public static int FloodCount => LongMode ? 200_000 : 20_000;

    /// <summary>Writes $MAESTRO_HOME/settings.json with both stand-ins.</summary>
    public static async Task WriteSettingsAsync(string maestroHome)
    {
        var fixtures = Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents");
        var env = new Dictionary<string, string>
        {
            ["LEAKED"] = Leaked,
            ["HUGE_LINE_MB"] = HugeLineMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FLOOD_EVENTS"] = FloodCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FLOOD_CHUNKS"] = FloodCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var settings = new Dictionary<string, object>
        {
            ["agents"] = new Dictionary<string, object>
            {
                [Native] = new Dictionary<string, object> { ["path"] = Path.Combine(fixtures, "misbehaving-claude.mjs"), ["env"] = env },
                [Acp] = new Dictionary<string, object> { ["command"] = Path.Combine(fixtures, "misbehaving-acp.mjs"), ["env"] = env },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(maestroHome, "settings.json"), JsonSerializer.Serialize(settings));
    }
}

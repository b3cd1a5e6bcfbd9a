using System.Globalization;

namespace Maestro.TestSupport.Hardening;

/// <summary>
/// The hardening suites run a short mode in the normal test run and a long mode when MAESTRO_LONG_TESTS=1:
/// more sessions' events, more fuzz seeds, more kills. The assertions are the same in both modes.
/// </summary>
public static class LongTests
{
    public const string Variable = "MAESTRO_LONG_TESTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The short figure, or the long one under MAESTRO_LONG_TESTS=1.</summary>
    public static int Pick(int shortMode, int longMode) => Enabled ? longMode : shortMode;

    public static string Mode => Enabled ? "long" : "short";

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

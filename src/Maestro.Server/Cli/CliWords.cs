using System.Text.Json;

namespace Maestro.Server.Cli;

/// <summary>States and reasons as the JSON spells them (<c>idle</c>, <c>endTurn</c>), never .NET's enum names, so a
/// table, a sentence and <c>--json</c> agree.</summary>
internal static class CliWords
{
    public static string Of<T>(T value)
        where T : struct, Enum
        => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

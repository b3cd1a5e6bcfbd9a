using System.Text.Json;

namespace Maestro.Server.Cli;

/// <summary>States and reasons as the JSON spells them (<c>idle</c>, <c>endTurn</c>), never .NET's enum names, so a
/// table, a sentence and <c>--json</c> agree.</summary>
internal static class CliWords
{
    public static string Of<T>(T value)
        where T : struct, Enum
        => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>"1 task", "3 tasks": a count with its noun, not "task(s)".</summary>
    public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Maestro.Server.Cli;

/// <summary>
/// The parser's own messages in the user's words: "Cannot parse argument 'abc' for option '--loops' as expected type
/// 'System.Nullable`1[System.Int32]'" names a .NET type, which means nothing at a terminal; it becomes
/// "--loops takes a whole number, not 'abc'", and a mistyped choice ("--by dya", "--status bogus") gets its close
/// matches; a missing argument is named as the usage names it ("missing SESSION for 'maestro sessions show'").
/// </summary>
internal static partial class ParseErrors
{
    public static string Describe(ParseError error, string commandPath, out IReadOnlyList<string> suggestions)
    {
        var message = Describe(error.Message, out suggestions);
        if (!string.Equals(message, error.Message, StringComparison.Ordinal))
        {
            return message;
        }

        var choice = NotAChoice().Match(error.Message);
        if (choice.Success && SymbolName(error.SymbolResult) is { } symbol)
        {
            var value = choice.Groups["value"].Value;
            var members = Quoted().Matches(error.Message[(choice.Index + choice.Length)..]).Select(m => m.Groups[1].Value).ToList();
            suggestions = Suggestions.Closest(value, members);
            return $"{symbol} takes one of {string.Join(", ", members)}, not '{value}'.";
        }

        if (RequiredOption().Match(error.Message) is { Success: true } option)
        {
            return $"missing {option.Groups[1].Value} for '{commandPath}'.";
        }

        if (error.Message.StartsWith("Required argument missing", StringComparison.Ordinal)
            && (error.SymbolResult as CommandResult ?? error.SymbolResult?.Parent as CommandResult) is { } command)
        {
            var given = command.Children.OfType<ArgumentResult>().Where(a => a.Tokens.Count > 0).Select(a => a.Argument).ToHashSet();
            var missing = command.Command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0 && !given.Contains(a)).Select(a => a.Name.ToUpperInvariant()).ToList();
            if (missing.Count > 0)
            {
                return $"missing {string.Join(" and ", missing)} for '{commandPath}'.";
            }
        }

        return message;
    }

    private static string? SymbolName(SymbolResult? result) => result switch
    {
        ArgumentResult { Parent: OptionResult option } => option.Option.Name,
        OptionResult option => option.Option.Name,
        ArgumentResult argument => argument.Argument.Name.ToUpperInvariant(),
        _ => null,
    };

    public static string Describe(string message, out IReadOnlyList<string> suggestions)
    {
        suggestions = [];
        var match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var (value, symbol, type) = (match.Groups["value"].Value, match.Groups["symbol"].Value, match.Groups["type"].Value);
        var what = Kind(type);
        if (what is not null)
        {
            return $"{symbol} takes {what}, not '{value}'.";
        }

        // An enum: the parser lists its members (capitalised) after the message; offer them as they are typed.
        var members = message[(match.Index + match.Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(m => m.Length > 0 && !m.Contains(' ', StringComparison.Ordinal))
            .Select(m => char.ToLowerInvariant(m[0]) + m[1..])
            .ToList();
        suggestions = Suggestions.Closest(value.ToLowerInvariant(), members);
        return members.Count > 0 ? $"{symbol} takes one of {string.Join(", ", members)}, not '{value}'." : $"'{value}' is not a valid value for {symbol}.";
    }

    private static string? Kind(string type) => Regex.Match(type, @"System\.(\w+)\]?$").Groups[1].Value switch
    {
        "Int32" or "Int64" or "Int16" or "UInt32" or "UInt64" => "a whole number",
        "Decimal" or "Double" or "Single" => "a number",
        "Boolean" => "true or false",
        "DateTime" or "DateTimeOffset" => "a date (yyyy-MM-dd) or an ISO 8601 time",
        "TimeSpan" => "a duration (hh:mm:ss)",
        _ => null,
    };

    [GeneratedRegex(@"Argument '(?<value>[^']*)' not recognized\. Must be one of:")]
    private static partial Regex NotAChoice();

    [GeneratedRegex(@"^Option '([^']+)' is required\.$")]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"Cannot parse argument '(?<value>[^']*)' for (?:option|argument) '(?<symbol>[^']*)' as expected type '(?<type>[^']*)'\.(?: Did you mean one of the following\?)?")]
    private static partial Regex CannotParse();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using StreamJsonRpc;

namespace Maestro.Server.Cli;

/// <summary>
/// Prints a failed command's error: a <c>maestro: …</c> line on stderr, and with <c>--json</c> also the
/// <see cref="CliError"/> object on stdout, so a script reads one shape for every failure.
/// </summary>
internal sealed class CliErrorReporter(bool json, bool verbose)
{
    public static CliErrorReporter FromArguments(IReadOnlyList<string> args)
        => new(args.Contains("--json"), args.Contains("-v") || args.Contains("--verbose"));

    public int Usage(string message, IReadOnlyList<string>? suggestions = null, string? helpCommand = null)
    {
        var text = message;
        if (suggestions is { Count: > 0 })
        {
            text += $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
        }

        Console.Error.WriteLine($"maestro: {text}");
        Console.Error.WriteLine($"Run '{helpCommand ?? "maestro"} --help' for usage.");
        WriteJson(new CliErrorBody { Message = text, ExitCode = ExitCodes.Usage, Suggestions = suggestions is { Count: > 0 } ? suggestions : null });
        return ExitCodes.Usage;
    }

    /// <summary>Reports an exception thrown by a command: the message of errors meant for the user, and for anything
    /// else a sentence without .NET type names (the stack only with <c>-v</c>).</summary>
    public async Task<int> FailureAsync(Exception exception)
    {
        var exitCode = exception is CliFailureException failure ? failure.ExitCode : ExitCodes.Error;
        var (message, code, kind) = exception switch
        {
            CliFailureException f => (exception.Message, f.Code, f.Kind),
            Errors.MaestroException m => (m.Message, (int?)m.Code, m.Kind),
            RemoteInvocationException r => (r.Message, r.ErrorCode, (r.DeserializedErrorData as Protocol.ErrorData)?.Kind ?? KindOf(r.ErrorData)),
            // StreamJsonRpc's client raises this for -32602 (InvalidParams) as well as -32601: the daemon's refusal, not a bug.
            RemoteMethodNotFoundException r => (r.Message, (int?)r.ErrorCode, (r.DeserializedErrorData as Protocol.ErrorData)?.Kind ?? KindOf(r.ErrorData)),
            ConnectionLostException => ("The connection to the Maestro daemon was lost; 'maestro daemon --status' says whether it still runs.", null, null),
            OperationCanceledException => ("Stopped.", null, null),
            Storage.SchemaTooNewException or IOException or UnauthorizedAccessException => (exception.Message, null, null),
            _ => ($"Something went wrong inside Maestro: {exception.Message} Run the command again with -v for details, and report it if it persists.", null, null),
        };
        message = await AgentSuggestion.AppendAsync(WireTerms.ForTerminal(message));
        Console.Error.WriteLine($"maestro: {message}");
        if (verbose && exception is not CliFailureException)
        {
            Console.Error.WriteLine(exception.ToString());
        }

        WriteJson(new CliErrorBody { Message = message, ExitCode = exitCode, Code = code, Kind = kind });
        return exitCode;
    }

    private void WriteJson(CliErrorBody body)
    {
        if (json)
        {
            CliConsole.Out.WriteLine(JsonSerializer.Serialize(new CliError { Error = body }, CliJsonContext.Default.CliError));
        }
    }

    // The formatter hands error.data over as a JsonElement or a JsonNode, depending on how it was read.
    internal static string? KindOf(object? data) => data switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } element when element.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String => kind.GetString(),
        JsonObject node when node["kind"] is JsonValue value && value.TryGetValue<string>(out var kind) => kind,
        _ => null,
    };
}

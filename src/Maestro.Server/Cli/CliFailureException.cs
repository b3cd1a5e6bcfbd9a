namespace Maestro.Server.Cli;

/// <summary>A command's own failure with its documented exit code (docs/cli.md, "Exit codes"): printed as
/// <c>maestro: message</c> on stderr, and as the error object with <c>--json</c>, like any other failure.</summary>
/// <param name="code">The protocol's error code when the failure is one of its errors, so the JSON error object keeps it.</param>
/// <param name="kind">The protocol's error kind, likewise.</param>
internal sealed class CliFailureException(int exitCode, string message, int? code = null, string? kind = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public int? Code { get; } = code;

    public string? Kind { get; } = kind;
}

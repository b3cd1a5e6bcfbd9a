namespace Maestro.Server.Cli;

/// <summary>A command's own failure with its documented exit code (docs/cli.md, "Exit codes"): printed as
/// <c>maestro: message</c> on stderr, and as the error object with <c>--json</c>, like any other failure.</summary>
internal sealed class CliFailureException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

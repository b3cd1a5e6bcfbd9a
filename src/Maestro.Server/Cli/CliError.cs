namespace Maestro.Server.Cli;

/// <summary>
/// What every command prints on stdout instead of its result when it fails and <c>--json</c> was given
/// (docs/cli.md, "Errors"): <c>{"error": {"message", "exitCode", "code"?, "kind"?, "suggestions"?}}</c>.
/// </summary>
internal sealed record CliError
{
    public required CliErrorBody Error { get; init; }
}

namespace Maestro.Server.Cli.Runs;

/// <summary>What <c>maestro run --json</c> prints instead of a summary when the run could not start.</summary>
internal sealed record RunErrorLine
{
    public string Event { get; init; } = "error";

    public required string Kind { get; init; }

    public required string Message { get; init; }

    public required int ExitCode { get; init; }

    /// <summary>The same, in the one error shape every command prints with <c>--json</c> (docs/cli.md, "Errors"),
    /// so a script reads <c>.error</c> whatever the command.</summary>
    public CliErrorBody Error => new() { Message = Message, ExitCode = ExitCode, Kind = Kind };
}

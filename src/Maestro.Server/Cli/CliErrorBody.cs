namespace Maestro.Server.Cli;

/// <summary>The body of <see cref="CliError"/>.</summary>
internal sealed record CliErrorBody
{
    /// <summary>A sentence a user can act on; the same text the command prints on stderr without <c>--json</c>.</summary>
    public required string Message { get; init; }

    /// <summary>The process exit code (docs/cli.md, "Exit codes").</summary>
    public required int ExitCode { get; init; }

    /// <summary>The JSON-RPC error code, when the daemon or a service refused the request.</summary>
    public int? Code { get; init; }

    /// <summary>The protocol's error kind (e.g. <c>sessionNotFound</c>), when there is one.</summary>
    public string? Kind { get; init; }

    /// <summary>Close matches of a mistyped command or option.</summary>
    public IReadOnlyList<string>? Suggestions { get; init; }
}

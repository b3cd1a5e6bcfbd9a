namespace Maestro.Protocol;

public sealed record ReviewChangesParams
{
    public required string Cwd { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>Only this session's agent hunks; without it every session's in the folder.</summary>
    public string? SessionId { get; init; }

    /// <summary>Only this turn's agent hunks (of <see cref="SessionId"/>).</summary>
    public string? TurnId { get; init; }

    /// <summary>Null means <see cref="ReviewBaseline.Agent"/>.</summary>
    public ReviewBaseline? Baseline { get; init; }

    /// <summary>The host (<c>hosts/add</c>) whose folder this is: the request goes to that host's daemon (<c>cwd</c> is a path there).</summary>
    public string? Host { get; init; }
}

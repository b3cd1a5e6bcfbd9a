namespace Maestro.Protocol;

public sealed record HostAddParams
{
    public required string Name { get; init; }

    /// <summary>A Host of the ssh config, or <c>[user@]host[:port]</c>; never starting with '-'.</summary>
    public required string Destination { get; init; }

    /// <summary><c>ssh -o</c> options as <c>Key=Value</c>; those that disable host key checking are refused.</summary>
    public IReadOnlyList<string>? Options { get; init; }

    public IReadOnlyDictionary<string, string>? Env { get; init; }

    public string? Folder { get; init; }
}

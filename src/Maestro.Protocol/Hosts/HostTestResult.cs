namespace Maestro.Protocol;

/// <summary>What <c>hosts/test</c> found on the host after connecting.</summary>
public sealed record HostTestResult
{
    public required string Name { get; init; }

    /// <summary>The remote <c>uname -sm</c>, e.g. <c>Linux x86_64</c>.</summary>
    public required string Platform { get; init; }

    /// <summary>The .NET runtime identifier of the host (<c>linux-x64</c>, <c>osx-arm64</c>, …); absent when Maestro has no build for that platform.</summary>
    public string? Rid { get; init; }

    /// <summary>The remote <c>maestro</c>: this version under <c>~/.maestro/bin</c>, else one on the remote PATH; absent when none.</summary>
    public HostMaestro? Maestro { get; init; }

    /// <summary>The known agents whose command is on the remote PATH.</summary>
    public required IReadOnlyList<HostAgent> Agents { get; init; }

    /// <summary>What to do next when something is missing (e.g. no maestro: <c>hosts/install</c>).</summary>
    public string? Hint { get; init; }

    /// <summary>How long connecting and probing took, in milliseconds.</summary>
    public required long ElapsedMs { get; init; }
}

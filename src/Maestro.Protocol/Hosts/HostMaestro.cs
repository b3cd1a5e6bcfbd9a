namespace Maestro.Protocol;

/// <summary>A <c>maestro</c> found on a host.</summary>
public sealed record HostMaestro
{
    /// <summary>Its path on the host.</summary>
    public required string Path { get; init; }

    /// <summary>What its <c>--version</c> printed (the version number); absent when it did not run.</summary>
    public string? Version { get; init; }

    /// <summary>True when it is the copy <c>hosts/install</c> puts in <c>~/.maestro/bin/&lt;version&gt;</c> for this build's version.</summary>
    public required bool Installed { get; init; }

    /// <summary>True when its version is this server's.</summary>
    public required bool SameVersion { get; init; }
}

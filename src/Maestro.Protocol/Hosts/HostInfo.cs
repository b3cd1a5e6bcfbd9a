namespace Maestro.Protocol;

/// <summary>
/// A machine reached over SSH where agents can run (docs/hosts.md). OpenSSH is the transport: Maestro runs the
/// user's <c>ssh</c> with the destination and options, and never turns off its host key checking.
/// </summary>
public sealed record HostInfo
{
    /// <summary>The short name the user picked: letters, digits, '.', '_' and '-'; unique, case-insensitively.</summary>
    public required string Name { get; init; }

    /// <summary>A Host of the ssh config, or <c>[user@]host[:port]</c> (IPv6 as <c>[addr]:port</c>).</summary>
    public required string Destination { get; init; }

    /// <summary>Extra <c>ssh -o</c> options, each <c>Key=Value</c>, in order.</summary>
    public required IReadOnlyList<string> Options { get; init; }

    /// <summary>Environment for the host's agents.</summary>
    public required IReadOnlyDictionary<string, string> Env { get; init; }

    /// <summary>The host's default folder for sessions (a path on that host).</summary>
    public string? Folder { get; init; }

    /// <summary>
    /// What the user should know about the options: those that run programs on this machine (<c>ProxyCommand</c>,
    /// <c>LocalCommand</c>, …) or weaken host key checking (<c>StrictHostKeyChecking=accept-new</c>).
    /// </summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The local daemon's connection to the host (started on first use: a session there, or a session list).</summary>
    public HostState State { get; init; }

    /// <summary>Why the last connection attempt failed or the connection was lost, in words a user can act on.</summary>
    public string? LastError { get; init; }
}

namespace Maestro.Server.Hosts;

/// <summary>
/// What the local daemon runs on a host to reach its daemon: the version <c>hosts/install</c> put in
/// <c>~/.maestro/bin/&lt;version&gt;/</c>, else a <c>maestro</c> on the remote PATH, as <c>serve --stdio</c> (which relays
/// to the host's daemon, starting it when none runs: it outlives the SSH connection, and so do its agents). The
/// host's environment is given to that command, so a daemon it starts passes it to its agents.
/// </summary>
public static class HostServeCommand
{
    /// <summary>The exit code of the script when the host has no maestro at all.</summary>
    public const int NotInstalled = 127;

    public static string For(HostRecord host, string version)
    {
        ArgumentNullException.ThrowIfNull(host);
        var env = string.Concat(host.Env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => " " + ShellQuote.Quote(e.Key + "=" + e.Value)));
        var script = $$"""
            m="$HOME/{{HostProbe.InstallFolder(version)}}/maestro"
            if [ ! -x "$m" ]; then m="$(command -v maestro 2>/dev/null)" || { echo "maestro-host: no maestro on this host" >&2; exit {{NotInstalled}}; }; fi
            exec env{{env}} "$m" serve --stdio
            """;
        return ShellQuote.ShCommand(script);
    }
}

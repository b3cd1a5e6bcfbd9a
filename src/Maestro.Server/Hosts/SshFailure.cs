using System.Globalization;
using System.Text.RegularExpressions;
using Maestro.Server.Errors;
using Maestro.Server.Hosts.Errors;

namespace Maestro.Server.Hosts;

/// <summary>
/// Turns what ssh printed when it failed (exit 255) into an error that says what to do. Host key problems are fixed
/// by the user trusting the key, never by Maestro turning the check off.
/// </summary>
public static partial class SshFailure
{
    public static MaestroException From(HostRecord host, string stderr)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(stderr);
        var said = LastLine(stderr);
        var destination = host.Destination;
        var parsed = SshDestination.Parse(destination);
        if (Has(stderr, "REMOTE HOST IDENTIFICATION HAS CHANGED") || Has(stderr, "host key for") && Has(stderr, "has changed"))
        {
            return new HostKeyRejectedException(
                $"The SSH host key of '{host.Name}' ({destination}) is not the one your known_hosts trusts: it changed since you accepted it. "
                + $"If the host was reinstalled or its key rotated, remove the old key with '{RemoveCommand(stderr, parsed)}', then connect once with '{parsed.SshCommand}' and accept the new key after checking its fingerprint with the host's owner. "
                + "Otherwise someone may be intercepting the connection. Maestro never turns host key checking off.");
        }

        if (Has(stderr, "Host key verification failed") || Has(stderr, "No ED25519 host key is known") || Has(stderr, "host key is known for"))
        {
            return new HostKeyRejectedException(
                $"ssh does not know the host key of '{host.Name}' ({destination}) yet, so it refused to connect. "
                + $"Connect once in a terminal with '{parsed.SshCommand}' and answer 'yes' after checking the fingerprint, or add the key with '{parsed.KeyscanCommand} >> ~/.ssh/known_hosts' (check it against the host first); then test the host again. "
                + "Maestro never turns host key checking off.");
        }

        if (Has(stderr, "Permission denied") || Has(stderr, "Too many authentication failures"))
        {
            return new HostAuthFailedException(
                $"'{host.Name}' ({destination}) refused the login: {said} None of the keys ssh offered is authorized there. "
                + $"Check that '{parsed.SshCommand}' logs in from a terminal without asking for a password: add your public key to ~/.ssh/authorized_keys on the host ('ssh-copy-id{parsed.SshCommand[3..]}'), or name the right key with IdentityFile in your ssh config (or the host's options). "
                + "Maestro runs ssh with BatchMode=yes, so it cannot answer password or passphrase prompts: load a passphrase-protected key into ssh-agent.");
        }

        if (Has(stderr, "Could not resolve hostname") || Has(stderr, "Name or service not known") || Has(stderr, "nodename nor servname"))
        {
            return new HostUnreachableException($"The host name of '{host.Name}' ({destination}) does not resolve: {said} Check the spelling, your ssh config's HostName for it, and your network or VPN.");
        }

        if (Has(stderr, "Connection refused"))
        {
            return new HostUnreachableException($"'{host.Name}' ({destination}) refused the connection: {said} Is sshd running there, and is the port right (user@host:port, or Port in your ssh config)?");
        }

        if (Has(stderr, "timed out") || Has(stderr, "No route to host") || Has(stderr, "Network is unreachable"))
        {
            return new HostUnreachableException($"'{host.Name}' ({destination}) did not answer: {said} Check that it is up and reachable from this machine (VPN, firewall, ProxyJump).");
        }

        return new HostUnreachableException($"ssh could not connect to '{host.Name}' ({destination}): {(said.Length > 0 ? said : "it exited with 255 and printed nothing.")} Try '{parsed.SshCommand}' in a terminal to see more.");
    }

    /// <summary>The ssh-keygen -R line ssh itself suggests (it knows which known_hosts file and name), else one from the destination.</summary>
    private static string RemoveCommand(string stderr, SshDestination destination)
    {
        var suggested = RemoveLine().Match(stderr);
        if (suggested.Success)
        {
            return suggested.Value.Trim();
        }

        return destination.Port is { } port
            ? string.Create(CultureInfo.InvariantCulture, $"ssh-keygen -R \"[{destination.Host}]:{port}\"")
            : "ssh-keygen -R " + destination.Host;
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("ssh-keygen -f \"[^\"\\n]+\" -R \"?[^\"\\s]+\"?")]
    private static partial Regex RemoveLine();

    private static string LastLine(string stderr)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        line = line.Length > 300 ? line[..300] + "…" : line;
        return line.Length == 0 || line.EndsWith('.') ? line : line + ".";
    }
}

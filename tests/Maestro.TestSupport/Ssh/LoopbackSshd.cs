using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Maestro.TestSupport.Ssh;

/// <summary>
/// A real OpenSSH server (Debian's openssh-server) on 127.0.0.1 and a free port, never 22, with a temp host key, a
/// temp authorized key and a temp HOME for the logged-in user (sshd's <c>SetEnv</c>), so nothing of the machine's
/// ~/.ssh or home is read or written. The client side is a temp ssh config (<see cref="ClientConfig"/>, for
/// <c>ssh -F</c> / MAESTRO_SSH_CONFIG) with StrictHostKeyChecking on and these Host aliases:
/// <list type="bullet">
/// <item><c>loopback</c> (and <c>127.0.0.1</c> itself): the trusted host key, the authorized key;</item>
/// <item><c>impostor</c>: a known_hosts that records a different key for this server (what a man in the middle looks like);</item>
/// <item><c>unknown</c>: an empty known_hosts (a host never connected to);</item>
/// <item><c>stranger</c>: a key the server does not authorize.</item>
/// </list>
/// </summary>
public sealed class LoopbackSshd : IAsyncDisposable
{
    public const string Sshd = "/usr/sbin/sshd";
    public const string SshKeygen = "/usr/bin/ssh-keygen";

    private readonly TempDirectory folder;
    private readonly Process process;
    private readonly StringBuilder log;

    private LoopbackSshd(TempDirectory folder, Process process, StringBuilder log, int port, string user)
    {
        this.folder = folder;
        this.process = process;
        this.log = log;
        Port = port;
        User = user;
    }

    /// <summary>Null when a loopback sshd can run here; otherwise why not (scripts/setup.sh tests installs it).</summary>
    public static string? Unavailable
        => !File.Exists(Sshd) ? "openssh-server is not installed (scripts/setup.sh tests installs it)"
            : !File.Exists(SshKeygen) ? "ssh-keygen (openssh-client) is not installed"
            : null;

    public int Port { get; }

    /// <summary>The account ssh logs in as: the one running the tests.</summary>
    public string User { get; }

    /// <summary>The logged-in user's HOME on the "remote" side (a temp folder).</summary>
    public string RemoteHome => folder.Combine("remote-home");

    /// <summary>A folder first on the remote PATH, for the commands a test wants the host to have.</summary>
    public string RemoteBin => folder.Combine("remote-bin");

    /// <summary>The keys sshd accepts: emptied to make logins fail (a host that stays down), restored to let them in again.</summary>
    public string AuthorizedKeys => folder.Combine("authorized_keys");

    /// <summary>The ssh config for the client side (ssh -F).</summary>
    public string ClientConfig => folder.Combine("ssh_config");

    /// <summary>The destination as user@host:port, resolved through the config's 127.0.0.1 block.</summary>
    public string Destination => string.Create(CultureInfo.InvariantCulture, $"{User}@127.0.0.1:{Port}");

    /// <summary>What sshd printed (it logs to stderr with -e).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<LoopbackSshd> StartAsync()
    {
        if (Unavailable is { } why)
        {
            throw new InvalidOperationException("No loopback sshd: " + why + ".");
        }

        var folder = new TempDirectory("sshd");
        try
        {
            var user = Environment.UserName;
            Directory.CreateDirectory(folder.Combine("remote-home"));
            Directory.CreateDirectory(folder.Combine("remote-bin"));
            await KeygenAsync(folder.Combine("host_key"));
            await KeygenAsync(folder.Combine("other_host_key"));
            await KeygenAsync(folder.Combine("id_client"));
            await KeygenAsync(folder.Combine("id_stranger"));
            File.Copy(folder.Combine("id_client.pub"), folder.Combine("authorized_keys"));
            if (!OperatingSystem.IsWindows())
            {
                foreach (var file in Directory.EnumerateFiles(folder.Path))
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            // sshd wants its privilege separation folder; the package creates it at boot, a container may lack it.
            if (user == "root" && !Directory.Exists("/run/sshd"))
            {
                Directory.CreateDirectory("/run/sshd");
            }

            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var started = await TryStartAsync(folder, port, user);
                if (started is not null)
                {
                    return started;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException("sshd did not start on a free port three times.");
                }
            }
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>ssh -F ClientConfig</c> with these arguments (for checks outside Maestro).</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> SshAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-F", ClientConfig, "-o", "BatchMode=yes", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        using var ssh = Process.Start(info)!;
        ssh.StandardInput.Close();
        var stdout = ssh.StandardOutput.ReadToEndAsync();
        var stderr = ssh.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await ssh.WaitForExitAsync(timeout.Token);
        return (ssh.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        folder.Dispose();
    }

    private static async Task<LoopbackSshd?> TryStartAsync(TempDirectory folder, int port, string user)
    {
        var hostKey = PublicKey(folder.Combine("host_key.pub"));
        var otherKey = PublicKey(folder.Combine("other_host_key.pub"));
        var knownAs = string.Create(CultureInfo.InvariantCulture, $"[127.0.0.1]:{port}");
        await File.WriteAllTextAsync(folder.Combine("known_hosts"), $"{knownAs} {hostKey}\n");
        await File.WriteAllTextAsync(folder.Combine("known_hosts_impostor"), $"{knownAs} {otherKey}\n");
        await File.WriteAllTextAsync(folder.Combine("known_hosts_empty"), string.Empty);
        await File.WriteAllTextAsync(folder.Combine("sshd_config"), string.Join('\n', SshdConfig(folder, port, user)) + "\n");
        await File.WriteAllTextAsync(folder.Combine("ssh_config"), string.Join('\n', ClientConfigLines(folder, port, user)) + "\n");

        var info = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-D", "-e", "-f", folder.Combine("sshd_config")])
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data.Contains("Server listening on 127.0.0.1 port", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.Exited += (_, _) => listening.TrySetResult();
        process.Start();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (process.HasExited)
        {
            await process.WaitForExitAsync();
            var said = log.ToString();
            process.Dispose();
            if (said.Contains("Address already in use", StringComparison.Ordinal))
            {
                return null;
            }

            throw new InvalidOperationException("sshd exited at start: " + said);
        }

        return new LoopbackSshd(folder, process, log, port, user);
    }

    private static IEnumerable<string> SshdConfig(TempDirectory folder, int port, string user) =>
    [
        "ListenAddress 127.0.0.1",
        string.Create(CultureInfo.InvariantCulture, $"Port {port}"),
        $"HostKey {folder.Combine("host_key")}",
        "PidFile none",
        $"AuthorizedKeysFile {folder.Combine("authorized_keys")}",
        $"AllowUsers {user}",
        "PermitRootLogin prohibit-password",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        // The temp files are 0600 but live under /tmp, which StrictModes would refuse (sticky, world-writable).
        "StrictModes no",
        "UseDNS no",
        "PrintMotd no",
        "X11Forwarding no",
        "AllowTcpForwarding no",
        "AllowAgentForwarding no",
        "PermitUserEnvironment no",
        $"SetEnv HOME={folder.Combine("remote-home")} PATH={folder.Combine("remote-bin")}:/usr/local/bin:/usr/bin:/bin",
    ];

    private static IEnumerable<string> ClientConfigLines(TempDirectory folder, int port, string user)
    {
        IEnumerable<string> Alias(string name, string identity, string? knownHosts) =>
        [
            $"Host {name}",
            "  HostName 127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"  Port {port}"),
            $"  User {user}",
            $"  IdentityFile {folder.Combine(identity)}",
            .. knownHosts is null ? Array.Empty<string>() : [$"  UserKnownHostsFile {folder.Combine(knownHosts)}"],
        ];

        return
        [
            .. Alias("loopback", "id_client", null),
            .. Alias("impostor", "id_client", "known_hosts_impostor"),
            .. Alias("unknown", "id_client", "known_hosts_empty"),
            .. Alias("stranger", "id_stranger", null),
            "Host 127.0.0.1",
            $"  IdentityFile {folder.Combine("id_client")}",
            "Host *",
            "  StrictHostKeyChecking yes",
            $"  UserKnownHostsFile {folder.Combine("known_hosts")}",
            "  GlobalKnownHostsFile /dev/null",
            "  IdentitiesOnly yes",
            "  IdentityAgent none",
            "  UpdateHostKeys no",
            "  ControlMaster no",
            "  ControlPath none",
        ];
    }

    private static string PublicKey(string path) => string.Join(' ', File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    private static async Task KeygenAsync(string path)
    {
        var info = new ProcessStartInfo(SshKeygen) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-q", "-t", "ed25519", "-N", string.Empty, "-C", "maestro-test", "-f", path])
        {
            info.ArgumentList.Add(argument);
        }

        using var keygen = Process.Start(info)!;
        var stderr = keygen.StandardError.ReadToEndAsync();
        await keygen.StandardOutput.ReadToEndAsync();
        await keygen.WaitForExitAsync();
        if (keygen.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed for {path}: {await stderr}");
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

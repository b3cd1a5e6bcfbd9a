using System.Security.Cryptography;
using System.Text;

namespace Maestro.Server.Hosting;

/// <summary>Where Maestro keeps its state: <c>$MAESTRO_HOME</c>, by default <c>~/.maestro</c>.</summary>
public sealed record MaestroPaths
{
    public const string HomeVariable = "MAESTRO_HOME";

    // sun_path holds 108 bytes on Linux and 104 on macOS; longer homes get a socket in the temp folder.
    private const int MaxSocketPathLength = 100;

    public MaestroPaths(string home)
    {
        Home = Path.GetFullPath(home);
    }

    public string Home { get; }

    public string DatabasePath => Path.Combine(Home, "maestro.db");

    public string LogsDirectory => Path.Combine(Home, "logs");

    public string DaemonLockPath => Path.Combine(Home, "daemon.lock");

    public string DaemonInfoPath => Path.Combine(Home, "daemon.json");

    public string DaemonPidPath => Path.Combine(Home, "daemon.pid");

    public string SettingsPath => Path.Combine(Home, "settings.json");

    /// <summary>
    /// The daemon's socket: in the home when the path fits in sun_path; otherwise in a folder only this user can
    /// enter, <c>$XDG_RUNTIME_DIR</c> (private by specification) or <c>/tmp/maestro-UID</c> (checked by
    /// <see cref="EnsureSocketFolder"/>), never under a guessable name in shared <c>/tmp</c> itself.
    /// </summary>
    public string SocketPath
    {
        get
        {
            var inHome = Path.Combine(Home, "daemon.sock");
            if (inHome.Length <= MaxSocketPathLength)
            {
                return inHome;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Home)))[..16];
            return Path.Combine(SocketFolder, $"maestro-{hash}.sock");
        }
    }

    /// <summary>The folder that holds <see cref="SocketPath"/>.</summary>
    public string SocketFolder
    {
        get
        {
            if (Path.Combine(Home, "daemon.sock").Length <= MaxSocketPathLength)
            {
                return Home;
            }

            var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            if (!string.IsNullOrEmpty(runtime) && Path.IsPathRooted(runtime) && runtime.Length < 60 && Directory.Exists(runtime))
            {
                return runtime;
            }

            var uid = OperatingSystem.IsWindows() ? "0" : UnixOwner.CurrentUser().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Path.Combine("/tmp", "maestro-" + uid);
        }
    }

    /// <summary>
    /// Makes sure the socket's folder is this user's alone: created 0700 if missing; an existing one must be a real
    /// folder (not a link) owned by this user, and is made 0700. Anything else is refused: another user could listen
    /// in our place or read what we send.
    /// </summary>
    public void EnsureSocketFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = SocketFolder;
        if (folder == Home)
        {
            EnsureHome();
            return;
        }

        if (!Directory.Exists(folder) && !File.Exists(folder))
        {
            try
            {
                Directory.CreateDirectory(folder, PrivateFiles.FolderMode);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
            }
        }

        var info = new DirectoryInfo(folder);
        // Only the owner may chmod: a folder another user planted is refused, never adopted.
        if (!info.Exists || info.LinkTarget is not null || !UnixOwner.IsMine(folder))
        {
            throw new UnsafeSocketFolderException(folder);
        }

        if (File.GetUnixFileMode(folder) != PrivateFiles.FolderMode)
        {
            File.SetUnixFileMode(folder, PrivateFiles.FolderMode);
        }
    }

    /// <summary>The pipe name used instead of a socket on Windows.</summary>
    public string PipeName => "maestro-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Home.ToUpperInvariant())))[..16];

    public static MaestroPaths FromEnvironment()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".maestro");
        }

        return new MaestroPaths(home);
    }

    /// <summary>
    /// Creates the home folder, or makes an existing one private again (0700), with the files Maestro keeps there
    /// (database, WAL, logs, settings) 0600: it holds prompts, transcripts and agents' keys. A home owned by another
    /// user is used as it is, with a warning on stderr.
    /// </summary>
    public void EnsureHome()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Home);
            return;
        }

        if (!Directory.Exists(Home))
        {
            Directory.CreateDirectory(Home, PrivateFiles.FolderMode);
        }

        if (!Secured.TryAdd(Home, 0))
        {
            return;
        }

        if (!UnixOwner.IsMine(Home))
        {
            Console.Error.WriteLine($"maestro: warning: {Home} is not owned by you; other users may be able to read your sessions.");
        }

        MakePrivate(Home, PrivateFiles.FolderMode);
        if (Directory.Exists(LogsDirectory))
        {
            MakePrivate(LogsDirectory, PrivateFiles.FolderMode);
            foreach (var log in Directory.EnumerateFiles(LogsDirectory))
            {
                PrivateFiles.Restrict(log);
            }
        }
        else
        {
            Directory.CreateDirectory(LogsDirectory, PrivateFiles.FolderMode);
        }

        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", SettingsPath, DaemonPidPath, DaemonLockPath })
        {
            PrivateFiles.Restrict(file);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Secured = new(StringComparer.Ordinal);

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakePrivate(string folder, UnixFileMode mode)
    {
        try
        {
            if (File.GetUnixFileMode(folder) != mode)
            {
                File.SetUnixFileMode(folder, mode);
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
        }
    }
}

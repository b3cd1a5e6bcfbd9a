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
            return Path.Combine(Path.GetTempPath(), $"maestro-{hash}.sock");
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

    /// <summary>Creates the home folder, readable by the user alone.</summary>
    public void EnsureHome()
    {
        if (!Directory.Exists(Home))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Home);
            }
            else
            {
                Directory.CreateDirectory(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}

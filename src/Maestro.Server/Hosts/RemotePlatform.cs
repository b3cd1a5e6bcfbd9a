using System.Runtime.InteropServices;

namespace Maestro.Server.Hosts;

/// <summary>The .NET runtime identifier Maestro publishes for a platform, from <c>uname -sm</c> or this machine.</summary>
public static class RemotePlatform
{
    /// <summary><c>Linux x86_64</c> → <c>linux-x64</c>; null for a platform Maestro has no build for.</summary>
    public static string? RidOf(string uname)
    {
        ArgumentNullException.ThrowIfNull(uname);
        var parts = uname.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return null;
        }

        var os = parts[0] switch
        {
            "Linux" => "linux",
            "Darwin" => "osx",
            _ => null,
        };
        var arch = parts[1] switch
        {
            "x86_64" or "amd64" => "x64",
            "aarch64" or "arm64" => "arm64",
            _ => null,
        };
        return os is null || arch is null ? null : os + "-" + arch;
    }

    /// <summary>This machine's, in the same terms (Windows included, for the comparison only).</summary>
    public static string Local
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            var arch = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                var other => other.ToString().ToLowerInvariant(),
            };
            return os + "-" + arch;
        }
    }
}

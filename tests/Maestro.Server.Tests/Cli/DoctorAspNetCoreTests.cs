using System.Text.Json;
using Maestro.Server.Cli;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// <c>maestro doctor</c> on ASP.NET Core (remote access runs on it): how this maestro was built, where it finds ASP.NET
/// Core, and a warning when the dotnet on PATH could not run a framework-dependent maestro.
/// </summary>
public sealed class DoctorAspNetCoreTests : IDisposable
{
    private readonly TempDirectory home = new("doctor-aspnet");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task Doctor_says_how_maestro_was_built_and_where_it_finds_ASP_NET_Core()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "doctor", "--json");
        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        var selfContained = root.GetProperty("selfContained").GetBoolean();
        var aspnet = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "aspnetcore");
        Assert.True(aspnet.GetProperty("found").GetBoolean());
        Assert.Matches(@"^10\.\d+\.\d+", aspnet.GetProperty("version").GetString());
        var folder = aspnet.GetProperty("path").GetString()!;
        // artifacts/bin is a link to artifacts/server/<rid>: doctor names the folder the binary really lives in.
        var binaryFolder = RealFolder(Path.GetDirectoryName(Path.GetFullPath(MaestroBinary.Path))!);

        // Framework-dependent: the shared framework's folder, and it is required; self-contained: its own folder.
        if (selfContained)
        {
            Assert.Equal(Path.TrimEndingDirectorySeparator(binaryFolder), Path.TrimEndingDirectorySeparator(RealFolder(folder)));
            Assert.False(aspnet.GetProperty("required").GetBoolean());
        }
        else
        {
            Assert.Contains(Path.Combine("shared", "Microsoft.AspNetCore.App"), folder, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "Microsoft.AspNetCore.dll")), folder);
            Assert.True(aspnet.GetProperty("required").GetBoolean());
        }

        (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "doctor");
        Assert.Equal(0, exit);
        Assert.Contains(selfContained ? "(self-contained: it carries .NET and ASP.NET Core)" : "(framework-dependent: it runs on this machine's .NET and ASP.NET Core runtimes)", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  aspnetcore +10\.", stdout);
    }

    private static string RealFolder(string folder)
        => new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder;

    [Fact]
    public void A_dotnet_without_the_ASP_NET_Core_runtime_is_a_warning_that_says_what_to_install()
    {
        const string both = "Microsoft.AspNetCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]\nMicrosoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n";
        const string coreOnly = "Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n";
        const string older = "Microsoft.AspNetCore.App 8.0.20 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]\nMicrosoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n";
        Assert.Equal(["10.0.12"], AspNetCoreCheck.Versions(both));
        Assert.Empty(AspNetCoreCheck.Versions(coreOnly));
        Assert.Null(AspNetCoreCheck.WarningFor("/usr/bin/dotnet", both));

        var warning = AspNetCoreCheck.WarningFor("/usr/bin/dotnet", coreOnly);
        Assert.NotNull(warning);
        Assert.Contains("/usr/bin/dotnet", warning, StringComparison.Ordinal);
        Assert.Contains("no ASP.NET Core 10 runtime", warning, StringComparison.Ordinal);
        Assert.Contains("aspnetcore-runtime-10.0", warning, StringComparison.Ordinal);
        Assert.NotNull(AspNetCoreCheck.WarningFor("/usr/bin/dotnet", older));
    }

    [Fact]
    public async Task Doctor_with_a_dotnet_lacking_ASP_NET_Core_on_PATH_warns()
    {
        // A dotnet that lists only the .NET runtime, first on PATH: doctor asks it, as it would a real one.
        var bin = Path.Combine(home.Path, "bin");
        Directory.CreateDirectory(bin);
        var fake = Path.Combine(bin, "dotnet");
        File.WriteAllText(fake, "#!/bin/sh\n# STAND-IN for a dotnet without ASP.NET Core (doctor test)\ncase \"$1\" in\n  --version) echo 10.0.100 ;;\n  --list-runtimes) echo 'Microsoft.NETCore.App 10.0.12 [/opt/dotnet/shared/Microsoft.NETCore.App]' ;;\nesac\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var path = new Dictionary<string, string> { ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };
        var (exit, stdout, stderr) = await MaestroProcess.RunWithAsync(home.Path, path, "doctor");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"Warning: the dotnet on PATH ({fake}) has no ASP.NET Core 10 runtime", stdout, StringComparison.Ordinal);
    }
}

using System.Reflection;
using System.Text.RegularExpressions;

namespace Maestro.Server.Cli;

/// <summary>
/// What <c>doctor</c> says about ASP.NET Core, which serves remote access (docs/remote.md): whether this maestro is
/// self-contained (it carries ASP.NET Core) or framework-dependent (it runs on the machine's .NET, which must have the
/// ASP.NET Core runtime), where ASP.NET Core was found, and whether the dotnet on PATH has it for a framework-dependent
/// install (the .NET tool).
/// </summary>
internal static partial class AspNetCoreCheck
{
    public const string Name = "aspnetcore";

    public const string InstallHint = "install the ASP.NET Core 10 runtime ('apt-get install aspnetcore-runtime-10.0', 'brew install --cask dotnet', or https://dot.net), or use a self-contained build (the VS Code extension, the Rider plugin)";

    /// <summary>True when this process runs on a runtime in its own folder rather than a shared .NET install.</summary>
    public static bool SelfContained
    {
        get
        {
            var runtime = Path.TrimEndingDirectorySeparator(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
            return string.Equals(runtime, Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal);
        }
    }

    /// <summary>The ASP.NET Core this process loads: its folder and version (a shared framework's, or this build's own).</summary>
    public static ToolCheck ThisProcess()
    {
        try
        {
            var assembly = typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
            var folder = string.IsNullOrEmpty(assembly.Location) ? AppContext.BaseDirectory : Path.GetDirectoryName(assembly.Location);
            return new ToolCheck { Name = Name, Found = true, Path = folder, Version = version, Required = !SelfContained };
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException)
        {
            return new ToolCheck { Name = Name, Found = false, Required = !SelfContained, Hint = "remote access cannot start: " + InstallHint };
        }
    }

    /// <summary>The Microsoft.AspNetCore.App versions in <c>dotnet --list-runtimes</c>' output.</summary>
    public static IReadOnlyList<string> Versions(string listRuntimes)
        => [.. RuntimeLine().Matches(listRuntimes).Select(m => m.Groups[1].Value)];

    /// <summary>A warning when the dotnet on PATH could not run a framework-dependent maestro of this version; else null.</summary>
    public static string? WarningFor(string dotnetPath, string listRuntimes)
    {
        var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        return Versions(listRuntimes).Any(v => v.StartsWith(major, StringComparison.Ordinal))
            ? null
            : $"the dotnet on PATH ({dotnetPath}) has no ASP.NET Core {Environment.Version.Major} runtime (Microsoft.AspNetCore.App), so a framework-dependent maestro (the .NET tool, MAESTRO_FRAMEWORK_DEPENDENT=1 builds) will not start on it: {InstallHint}.";
    }

    [GeneratedRegex(@"^Microsoft\.AspNetCore\.App ([0-9][^ \r\n]*) ", RegexOptions.Multiline)]
    private static partial Regex RuntimeLine();
}

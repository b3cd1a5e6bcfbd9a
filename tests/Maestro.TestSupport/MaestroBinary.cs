namespace Maestro.TestSupport;

/// <summary>The built <c>maestro</c> next to the test assembly (the test projects reference the server project).</summary>
public static class MaestroBinary
{
    public static string Path
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("MAESTRO_BIN");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            return DefaultPath;
        }
    }

    /// <summary>The framework-dependent app host built next to the test assembly, whatever MAESTRO_BIN says.</summary>
    public static string DefaultPath
    {
        get
        {
            var apphost = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "maestro.exe" : "maestro");
            return File.Exists(apphost) ? apphost : throw new FileNotFoundException("The maestro app host is not next to the tests.", apphost);
        }
    }
}

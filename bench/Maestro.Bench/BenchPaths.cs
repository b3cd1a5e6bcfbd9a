namespace Maestro.Bench;

/// <summary>The binaries measured: the published (ReadyToRun) maestro when built by ./build.sh, and the hello world baseline.</summary>
internal static class BenchPaths
{
    public static string Maestro => Environment.GetEnvironmentVariable("MAESTRO_BIN") is { Length: > 0 } fromEnvironment
        ? fromEnvironment
        : global::Maestro.TestSupport.MaestroBinary.Path;

    public static string HelloWorld => Path.Combine(AppContext.BaseDirectory, "HelloWorld");
}

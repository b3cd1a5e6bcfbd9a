namespace Maestro.Server.Cli;

/// <summary>
/// Where a CLI command prints its report. The build bans <c>Console.Out</c> and <c>Console.Write*</c> in src/
/// (BannedSymbols.txt) so that no server code can put a stray byte into a JSON-RPC stream; the commands reach
/// stdout through here, the one allowed place besides the two stdio entry points.
/// </summary>
internal static class CliConsole
{
#pragma warning disable RS0030 // the CLI's report is its stdout
    public static TextWriter Out => Console.Out;
#pragma warning restore RS0030
}

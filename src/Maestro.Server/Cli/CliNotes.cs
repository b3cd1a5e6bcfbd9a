namespace Maestro.Server.Cli;

/// <summary>
/// What a command says besides its result and its errors: "Started …", "Deleted …", "No sessions.", that it starts
/// the daemon. Notes go to stderr so stdout stays the result; <c>-q</c> / <c>--quiet</c> silences them. Details
/// (<c>-v</c> / <c>--verbose</c>: which daemon was reached and how long each request took) are for finding out why
/// a command is slow or fails, so they go to stderr only when asked for, even with <c>-q</c>.
/// </summary>
internal static class CliNotes
{
    /// <summary>Set once, from the command line, before the command runs.</summary>
    public static bool Quiet { get; set; }

    /// <summary>Set once, from the command line, before the command runs.</summary>
    public static bool Verbose { get; set; }

    public static void Write(string note)
    {
        if (!Quiet)
        {
            Console.Error.WriteLine(note);
        }
    }

    /// <summary>A diagnostic line, printed only with <c>-v</c>.</summary>
    public static void Detail(string detail)
    {
        if (Verbose)
        {
            Console.Error.WriteLine("maestro: [verbose] " + detail);
        }
    }
}

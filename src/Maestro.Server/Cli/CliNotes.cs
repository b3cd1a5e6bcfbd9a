namespace Maestro.Server.Cli;

/// <summary>
/// What a command says besides its result and its errors: "Started …", "Deleted …", "No sessions.", that it starts
/// the daemon. Notes go to stderr so stdout stays the result; <c>-q</c> / <c>--quiet</c> silences them.
/// </summary>
internal static class CliNotes
{
    /// <summary>Set once, from the command line, before the command runs.</summary>
    public static bool Quiet { get; set; }

    public static void Write(string note)
    {
        if (!Quiet)
        {
            Console.Error.WriteLine(note);
        }
    }
}

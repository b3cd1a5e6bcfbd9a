namespace Maestro.Server.Hosts;

/// <summary>Quoting for the POSIX shell that runs a command ssh sends (the remote login shell, then <c>sh -c</c>).</summary>
public static class ShellQuote
{
    /// <summary>The text in single quotes, each of its own single quotes as <c>'\''</c>.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A script for <c>sh</c> whatever the remote login shell is: <c>exec sh -c '…'</c>.</summary>
    public static string ShCommand(string script) => "exec sh -c " + Quote(script);
}

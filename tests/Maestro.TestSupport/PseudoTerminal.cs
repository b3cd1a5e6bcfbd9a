namespace Maestro.TestSupport;

/// <summary>
/// Runs maestro with its stdin, stdout and stderr on a pseudo-terminal of a given width, as a user at a terminal (or
/// in tmux) meets it: Python's <c>pty</c> forks the child on a new terminal whose size is set before the exec, and
/// copies what the terminal shows to its own stdout (a pipe the test reads).
/// </summary>
public static class PseudoTerminal
{
    private const string Script = """
        import fcntl, os, pty, struct, sys, termios
        columns = int(sys.argv[1])
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, columns, 0, 0))
            os.execv(sys.argv[2], sys.argv[2:])
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status))
        """;

    /// <summary>Runs <c>maestro ARGS</c> in <paramref name="workingDirectory"/> on a terminal <paramref name="columns"/>
    /// wide; returns its exit code and what the terminal showed (stdout and stderr, as a terminal mixes them).</summary>
    public static async Task<(int ExitCode, string Screen)> RunAsync(string? workingDirectory, string home, int columns, params string[] arguments)
    {
        var environment = new Dictionary<string, string> { ["TERM"] = "xterm-256color" };
        await using var run = MaestroProcess.StartIn(workingDirectory, ["python3", "-c", Script, columns.ToString(System.Globalization.CultureInfo.InvariantCulture)], home, environment, arguments);
        run.Process.StandardInput.Close();
        var screen = await run.Process.StandardOutput.ReadToEndAsync();
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, screen);
    }
}

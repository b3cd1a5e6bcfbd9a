using System.Diagnostics;
using System.Text;

namespace Maestro.TestSupport;

/// <summary>A real <c>maestro</c> process with its own MAESTRO_HOME, its stdio in the test's hands.</summary>
public sealed class MaestroProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stderr = new();

    private MaestroProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        Raw = new RawConnection(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
    }

    public RawConnection Raw { get; }

    public Process Process => process;

    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Sends SIGINT, as a terminal's Ctrl-C does (Unix; <c>kill -INT</c>, since .NET sends no signal but SIGKILL itself).</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {process.Id} exited {kill.ExitCode}");
        }
    }

    public static MaestroProcess Start(string home, params string[] arguments) => Start(home, null, arguments);

    /// <summary>
    /// Starts maestro so that <see cref="InterruptAsync"/> reaches it: a shell without job control (a CI runner, a
    /// script's background job) starts its children with SIGINT ignored, and a program keeps an ignored SIGINT
    /// ignored, as a terminal's Ctrl-C would be. <c>env --default-signal</c> gives it the default back.
    /// </summary>
    public static MaestroProcess StartInterruptible(string home, params string[] arguments)
        => StartUnder(["env", "--default-signal=INT"], home, null, arguments);

    public static MaestroProcess Start(string home, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => StartUnder([], home, environment, arguments);

    /// <summary>Starts maestro through <paramref name="wrapper"/> (e.g. <c>prlimit --nofile=N:N --</c>), which execs it.</summary>
    public static MaestroProcess StartUnder(IReadOnlyList<string> wrapper, string home, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => StartIn(null, wrapper, home, environment, arguments);

    /// <summary>Starts maestro in <paramref name="workingDirectory"/> (null: the test's own), as a user in that folder would.</summary>
    public static MaestroProcess StartIn(string? workingDirectory, IReadOnlyList<string> wrapper, string home, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => Launch(MaestroBinary.Path, workingDirectory, wrapper, home, environment, arguments);

    /// <summary>Starts another maestro than MAESTRO_BIN's, e.g. the one a <c>dotnet tool install</c> put somewhere.</summary>
    public static MaestroProcess StartExecutable(string executable, IReadOnlyList<string> wrapper, string home, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => Launch(executable, null, wrapper, home, environment, arguments);

    private static MaestroProcess Launch(string executable, string? workingDirectory, IReadOnlyList<string> wrapper, string home, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var info = new ProcessStartInfo(wrapper.Count > 0 ? wrapper[0] : executable)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in wrapper.Count > 0 ? [.. wrapper.Skip(1), executable, .. arguments] : arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["MAESTRO_HOME"] = home;
        info.Environment["MAESTRO_DAEMON_IDLE_SECONDS"] = "60";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new MaestroProcess(Process.Start(info)!);
    }

    /// <summary>Runs a CLI command to its end and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string home, params string[] arguments)
        => RunInAsync(null, home, arguments);

    /// <summary>Runs a CLI command to its end with extra environment variables.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunWithAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] arguments)
        => RunToEndAsync(Start(home, environment, arguments));

    /// <summary>Runs a CLI command to its end from <paramref name="workingDirectory"/> (relative paths resolve from there).</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string? workingDirectory, string home, params string[] arguments)
        => RunToEndAsync(StartIn(workingDirectory, [], home, null, arguments));

    /// <summary>Runs a CLI command of the given maestro executable to its end.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunExecutableAsync(string executable, string home, params string[] arguments)
        => RunToEndAsync(StartExecutable(executable, [], home, null, arguments));

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(MaestroProcess started)
    {
        await using var run = started;
        run.process.StandardInput.Close();
        var stdout = await run.process.StandardOutput.ReadToEndAsync();
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, stdout, run.Stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}

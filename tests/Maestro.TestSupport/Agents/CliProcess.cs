using System.Diagnostics;
using System.Text;

namespace Maestro.TestSupport.Agents;

/// <summary>
/// Runs a CLI headless to its end: closed stdin, only the given environment, killed with its children on timeout
/// or when <c>stop</c> fires (as Maestro cancels a turn); either way the result says it was killed.
/// </summary>
public static class CliProcess
{
    public static async Task<CliResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        CancellationToken stop = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Nothing leaks in from the test runner's environment (real API keys, the developer's HOME).
        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var stdout = new List<string>();
        var stderr = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.Add(e.Data);
                }
            }
        };
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
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Codex reads a prompt from stdin until EOF when stdin is not a terminal; none of the runs here use stdin.
        process.StandardInput.Close();

        var timedOut = false;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            cts.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
            }
        }

        // Waiting without a token also drains the redirected streams to their end.
        await process.WaitForExitAsync(CancellationToken.None);
        lock (stdout)
        {
            lock (stderr)
            {
                return new CliResult(process.ExitCode, [.. stdout], stderr.ToString(), timedOut, watch.Elapsed);
            }
        }
    }
}

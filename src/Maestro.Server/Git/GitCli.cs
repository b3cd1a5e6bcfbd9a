using Maestro.Server.Errors;
using Maestro.Server.Processes;

namespace Maestro.Server.Git;

/// <summary>
/// The git command line, through <see cref="ProcessRunner"/>, for the few operations libgit2 lacks or does
/// worse; each caller says why in a comment.
/// </summary>
public sealed class GitCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // Never prompt, never page, never read the user's global hooks into a server request's output.
    private static readonly Dictionary<string, string?> QuietEnvironment = new(StringComparer.Ordinal)
    {
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_PAGER"] = "cat",
        ["LC_ALL"] = "C",
    };

    private readonly ProcessRunner runner;

    public GitCli(ProcessRunner runner)
    {
        this.runner = runner;
    }

    /// <summary>Runs git in <paramref name="workingDirectory"/>; whatever the exit code.</summary>
    public async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = ExecutableLocator.Find("git") ?? throw new MaestroException("git is not on PATH; install git (maestro doctor checks it).");
        var result = await runner.RunAsync(executable, arguments, Timeout, workingDirectory, QuietEnvironment, cancellationToken);
        if (result.TimedOut)
        {
            throw new MaestroException($"'git {string.Join(' ', arguments)}' did not finish within {Timeout.TotalMinutes} minutes.");
        }

        return result;
    }

    /// <summary>Runs git and returns its output; a non-zero exit is an error carrying git's own message.</summary>
    public async Task<string> RunCheckedAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(workingDirectory, arguments, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new MaestroException($"'git {string.Join(' ', arguments)}' failed: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }
}

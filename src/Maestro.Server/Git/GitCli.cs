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

    /// <summary>
    /// Before every command: a repository's own config must not run programs in Maestro's calls. An agent (or a
    /// cloned repository) can set <c>core.fsmonitor</c> or hooks in <c>.git</c>, and git would run them on a plain
    /// status read; Maestro's calls run neither.
    /// </summary>
    internal static readonly string[] SafetyOptions = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"];

    private readonly ProcessRunner runner;

    public GitCli(ProcessRunner runner)
    {
        this.runner = runner;
    }

    /// <summary>Runs git in <paramref name="workingDirectory"/>; whatever the exit code.</summary>
    public Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        => RunAsync(workingDirectory, arguments, null, cancellationToken);

    /// <summary>Runs git with extra environment variables (e.g. <c>GIT_INDEX_FILE</c> for a private index); whatever the exit code.</summary>
    public async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        var executable = ExecutableLocator.Find("git") ?? throw new MaestroException("git is not on PATH; install git (maestro doctor checks it).");
        var variables = QuietEnvironment;
        if (environment is { Count: > 0 })
        {
            variables = new Dictionary<string, string?>(QuietEnvironment, StringComparer.Ordinal);
            foreach (var (name, value) in environment)
            {
                variables[name] = value;
            }
        }

        var result = await runner.RunAsync(executable, [.. SafetyOptions, .. arguments], Timeout, workingDirectory, variables, cancellationToken);
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

    /// <summary>
    /// Runs git on what a request asked for (a branch, a path): a refusal is git saying the input is wrong, so it
    /// is InvalidParams carrying git's own message, not an internal error.
    /// </summary>
    public async Task<string> RunOnRequestAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(workingDirectory, arguments, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidParamsException($"git refused it: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }
}

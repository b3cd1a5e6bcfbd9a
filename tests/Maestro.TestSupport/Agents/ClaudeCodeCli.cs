namespace Maestro.TestSupport.Agents;

/// <summary>Claude Code headless, as Maestro runs it: <c>claude -p PROMPT --output-format stream-json --verbose</c>.</summary>
public static class ClaudeCodeCli
{
    public static Dictionary<string, string> Environment(AgentSandbox sandbox, string modelBaseUrl)
    {
        var env = sandbox.BaseEnvironment();
        env["ANTHROPIC_BASE_URL"] = modelBaseUrl;
        env["ANTHROPIC_API_KEY"] = "test-key";
        // No update checks, telemetry, error reporting or feedback surveys: nothing but model calls leaves the process.
        env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        env["DISABLE_AUTOUPDATER"] = "1";
        // --dangerously-skip-permissions is refused as root unless the CLI is told it runs in a sandbox.
        env["IS_SANDBOX"] = "1";
        return env;
    }

    public static List<string> Arguments(string prompt, string? resumeSessionId = null)
    {
        var args = new List<string> { "-p", prompt, "--output-format", "stream-json", "--verbose", "--dangerously-skip-permissions" };
        if (resumeSessionId is not null)
        {
            args.AddRange(["--resume", resumeSessionId]);
        }

        return args;
    }

    public static Task<CliResult> RunAsync(AgentSandbox sandbox, string modelBaseUrl, string prompt, string? resumeSessionId = null, IReadOnlyDictionary<string, string>? extraEnvironment = null, TimeSpan? timeout = null)
    {
        var env = Environment(sandbox, modelBaseUrl);
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return CliProcess.RunAsync(AgentClis.Claude, Arguments(prompt, resumeSessionId), sandbox.Repo, env, timeout ?? TimeSpan.FromSeconds(90));
    }
}

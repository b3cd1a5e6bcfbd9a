using System.Globalization;

namespace Maestro.TestSupport.Agents;

/// <summary>
/// Codex headless, as Maestro runs it: <c>codex exec --json -s workspace-write PROMPT</c> and
/// <c>codex exec resume THREAD_ID --json PROMPT</c>, with a custom provider in <c>$CODEX_HOME/config.toml</c>.
/// </summary>
public static class CodexCli
{
    public const string ApiKeyVariable = "MAESTRO_MOCK_API_KEY";

    public static string CodexHome(AgentSandbox sandbox) => Path.Combine(sandbox.Home, ".codex");

    /// <summary>Writes config.toml: the mock provider on the Responses wire API, with retries bounded.</summary>
    public static void WriteConfig(AgentSandbox sandbox, string modelBaseUrl, int streamIdleTimeoutMs = 30_000)
    {
        Directory.CreateDirectory(CodexHome(sandbox));
        var config = string.Create(CultureInfo.InvariantCulture, $"""
            model = "mock-model"
            model_provider = "mock"

            # No usage analytics leave the process.
            [analytics]
            enabled = false

            [model_providers.mock]
            name = "Maestro mock"
            base_url = "{modelBaseUrl}/v1"
            wire_api = "responses"
            env_key = "{ApiKeyVariable}"
            # HTTP errors are not retried, a stalled stream fails after the idle timeout. A refused connection is
            # retried for ever ("Reconnecting... waiting for network") whatever these say: only a kill ends that.
            request_max_retries = 0
            stream_max_retries = 0
            stream_idle_timeout_ms = {streamIdleTimeoutMs}

            """);
        File.WriteAllText(Path.Combine(CodexHome(sandbox), "config.toml"), config);
    }

    public static Dictionary<string, string> Environment(AgentSandbox sandbox)
    {
        var env = sandbox.BaseEnvironment();
        env["CODEX_HOME"] = CodexHome(sandbox);
        env[ApiKeyVariable] = "test-key";
        return env;
    }

    /// <summary>
    /// <c>exec resume</c> has no <c>-s</c> and falls back to a read-only sandbox (the model then sees
    /// "Read-only file system"), so a resumed turn sets the sandbox mode through <c>-c</c>.
    /// </summary>
    public static List<string> Arguments(string prompt, string? resumeThreadId = null) =>
        resumeThreadId is null
            ? ["exec", "--json", "-s", "workspace-write", prompt]
            : ["exec", "resume", resumeThreadId, "--json", "-c", "sandbox_mode=\"workspace-write\"", prompt];

    public static Task<CliResult> RunAsync(AgentSandbox sandbox, string prompt, string? resumeThreadId = null, TimeSpan? timeout = null) =>
        CliProcess.RunAsync(AgentClis.Codex, Arguments(prompt, resumeThreadId), sandbox.Repo, Environment(sandbox), timeout ?? TimeSpan.FromSeconds(90));
}

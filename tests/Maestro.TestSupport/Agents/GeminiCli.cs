namespace Maestro.TestSupport.Agents;

/// <summary>
/// Gemini CLI headless: <c>gemini -p PROMPT --output-format stream-json --yolo -m MODEL</c>, <c>--resume ID</c> to
/// continue, pointed at the mock by GOOGLE_GEMINI_BASE_URL.
/// </summary>
public static class GeminiCli
{
    /// <summary>A fixed model: the default "auto" first asks a classifier model (a JSON side call) which model to route to.</summary>
    public const string Model = "gemini-2.5-pro";

    /// <summary>Without a selected auth type a headless run stops with "Invalid auth method selected." (exit 41).</summary>
    public static void WriteSettings(AgentSandbox sandbox)
    {
        var folder = Path.Combine(sandbox.Home, ".gemini");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "settings.json"), """
            {
              "security": { "auth": { "selectedType": "gemini-api-key" } },
              "privacy": { "usageStatisticsEnabled": false },
              "telemetry": { "enabled": false },
              "general": { "disableAutoUpdate": true, "disableUpdateNag": true }
            }
            """);
    }

    public static Dictionary<string, string> Environment(AgentSandbox sandbox, string modelBaseUrl)
    {
        var env = sandbox.BaseEnvironment();
        env["GEMINI_API_KEY"] = "test-key";
        env["GOOGLE_GEMINI_BASE_URL"] = modelBaseUrl;
        // An untrusted folder silently turns --yolo back into "default" approvals, which a headless run cannot give.
        env["GEMINI_CLI_TRUST_WORKSPACE"] = "true";
        return env;
    }

    public static List<string> Arguments(string prompt, string? resumeSessionId = null)
    {
        var args = new List<string> { "-p", prompt, "--output-format", "stream-json", "--yolo", "-m", Model };
        if (resumeSessionId is not null)
        {
            args.AddRange(["--resume", resumeSessionId]);
        }

        return args;
    }

    public static Task<CliResult> RunAsync(AgentSandbox sandbox, string modelBaseUrl, string prompt, string? resumeSessionId = null, TimeSpan? timeout = null) =>
        CliProcess.RunAsync(AgentClis.Gemini, Arguments(prompt, resumeSessionId), sandbox.Repo, Environment(sandbox, modelBaseUrl), timeout ?? TimeSpan.FromSeconds(120));
}

using System.Text.Json;

namespace Maestro.TestSupport.Agents;

/// <summary>
/// OpenCode headless, as Maestro runs it: <c>opencode run --format json PROMPT</c> and <c>--session ID</c> to continue,
/// with a provider in a config file named by OPENCODE_CONFIG.
/// </summary>
public static class OpenCodeCli
{
    public const string Model = "mock/mock-model";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ConfigPath(AgentSandbox sandbox) => Path.Combine(sandbox.Root, "opencode.json");

    /// <summary>
    /// An OpenAI-compatible provider at the mock: <c>@ai-sdk/openai-compatible</c> ships inside the opencode binary,
    /// so nothing is installed for it. Edits and shell commands are allowed: a headless run cannot answer a prompt.
    /// </summary>
    public static void WriteConfig(AgentSandbox sandbox, string modelBaseUrl)
    {
        var config = new Dictionary<string, object>
        {
            ["$schema"] = "https://opencode.ai/config.json",
            ["model"] = Model,
            ["autoupdate"] = false,
            ["share"] = "disabled",
            ["permission"] = new { edit = "allow", bash = "allow" },
            ["provider"] = new Dictionary<string, object>
            {
                ["mock"] = new
                {
                    npm = "@ai-sdk/openai-compatible",
                    name = "Maestro mock",
                    options = new { baseURL = modelBaseUrl + "/v1", apiKey = "test-key" },
                    models = new Dictionary<string, object> { ["mock-model"] = new { name = "Mock model" } },
                },
            },
        };
        File.WriteAllText(ConfigPath(sandbox), JsonSerializer.Serialize(config, Indented));
    }

    public static Dictionary<string, string> Environment(AgentSandbox sandbox)
    {
        var env = sandbox.BaseEnvironment();
        env["OPENCODE_CONFIG"] = ConfigPath(sandbox);
        // Without these it fetches the models.dev catalogue (fails offline, logged as an error) and checks for updates.
        env["OPENCODE_DISABLE_MODELS_FETCH"] = "1";
        env["OPENCODE_DISABLE_AUTOUPDATE"] = "1";
        env["OPENCODE_DISABLE_LSP_DOWNLOAD"] = "1";
        return env;
    }

    public static List<string> Arguments(string prompt, string? sessionId = null)
    {
        var args = new List<string> { "run", "--format", "json" };
        if (sessionId is not null)
        {
            args.AddRange(["--session", sessionId]);
        }

        args.Add(prompt);
        return args;
    }

    public static Task<CliResult> RunAsync(AgentSandbox sandbox, string prompt, string? sessionId = null, TimeSpan? timeout = null, CancellationToken stop = default) =>
        CliProcess.RunAsync(AgentClis.OpenCode, Arguments(prompt, sessionId), sandbox.Repo, Environment(sandbox), timeout ?? TimeSpan.FromSeconds(120), stop);
}

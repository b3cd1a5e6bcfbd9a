using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// How an editor signs the user in, as <c>initialize</c> answers it. Maestro holds no account of its own: its backends
/// (Claude Code, Codex, …) sign in with their own tools, once, and the daemon's agents use those credentials.
/// <list type="bullet">
/// <item><see cref="CheckId"/> (type <c>agent</c>): <c>authenticate</c> checks that the backend of new sessions is
/// installed and says how to sign it in when it is not.</item>
/// <item><see cref="SignInId"/> (type <c>terminal</c>, offered only to editors that say they run one): the editor runs
/// <c>maestro acp … --sign-in</c> in a terminal, which runs the backend's own sign-in (<see cref="AcpSignIn"/>).</item>
/// </list>
/// </summary>
internal static class AcpAuthMethods
{
    public const string CheckId = "maestro-agents";

    public const string SignInId = "maestro-sign-in";

    /// <summary>The argument the terminal method appends to the editor's <c>maestro acp</c> command line.</summary>
    public const string SignInFlag = "--sign-in";

    public static JsonArray For(JsonElement initializeParameters, string agentId)
    {
        var methods = new JsonArray
        {
            new JsonObject
            {
                ["id"] = CheckId,
                ["name"] = "Use the agents' own sign-in",
                ["description"] = $"Maestro runs {agentId} with the credentials it already has (sign in with its own tool once; 'maestro doctor' checks). Checks that it is installed.",
            },
        };

        if (OffersTerminal(initializeParameters))
        {
            methods.Add(new JsonObject
            {
                ["id"] = SignInId,
                ["name"] = $"Sign in to {agentId}",
                ["description"] = $"Runs {agentId}'s own sign-in in a terminal.",
                ["type"] = "terminal",
                ["args"] = new JsonArray(SignInFlag),
                // Clients from before the typed terminal method read this instead: the whole command line to run.
                ["_meta"] = new JsonObject
                {
                    ["terminal-auth"] = new JsonObject
                    {
                        ["command"] = Environment.ProcessPath,
                        ["args"] = new JsonArray([.. OwnArguments().Select(a => JsonValue.Create(a)), JsonValue.Create(SignInFlag)]),
                        ["label"] = $"Sign in to {agentId}",
                    },
                },
            });
        }

        return methods;
    }

    /// <summary>This process's arguments (with the assembly when it runs as <c>dotnet maestro.dll</c>).</summary>
    private static IEnumerable<string> OwnArguments()
    {
        var arguments = Environment.GetCommandLineArgs();
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? string.Empty);
        return string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase) ? arguments : arguments.Skip(1);
    }

    /// <summary>ACP offers terminal methods only to clients that say they run them (typed, or the older <c>_meta</c> flag).</summary>
    private static bool OffersTerminal(JsonElement parameters)
        => parameters.TryGetProperty("clientCapabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Object
            && ((capabilities.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty("terminal", out var terminal) && terminal.ValueKind == JsonValueKind.True)
                || (capabilities.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("terminal-auth", out var legacy) && legacy.ValueKind == JsonValueKind.True));
}

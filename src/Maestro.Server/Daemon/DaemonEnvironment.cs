namespace Maestro.Server.Daemon;

/// <summary>
/// What a daemon started from here inherits, said without a secret: the agents it runs get this environment, so a key
/// exported after the daemon started is not seen until it restarts. Names only, never values.
/// </summary>
public static class DaemonEnvironment
{
    /// <summary>The variables agent CLIs read their credentials or endpoints from.</summary>
    public static readonly IReadOnlyList<string> CredentialVariables =
    [
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_BASE_URL",
        "OPENAI_API_KEY", "CODEX_API_KEY", "OPENAI_BASE_URL",
        "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_CLOUD_PROJECT",
        "OPENROUTER_API_KEY",
    ];

    /// <summary>The credential variables set (non-empty) in <paramref name="environment"/>.</summary>
    public static IReadOnlyList<string> CredentialsSet(Func<string, string?> environment)
        => [.. CredentialVariables.Where(name => !string.IsNullOrEmpty(environment(name)))];

    /// <summary>One line for a person: how many PATH folders, which credential variables are set.</summary>
    public static string Describe(Func<string, string?> environment)
    {
        var path = environment("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Length;
        var credentials = CredentialsSet(environment);
        return $"this shell's environment (PATH with {folders} folders; credential variables set: " +
            (credentials.Count == 0 ? "none" : string.Join(", ", credentials)) + ")";
    }
}

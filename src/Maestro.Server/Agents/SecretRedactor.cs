using System.Text.RegularExpressions;
using Maestro.Protocol;

namespace Maestro.Server.Agents;

/// <summary>
/// Removes secrets from text that is about to be stored or shown, such as an agent's stderr: the given secret values
/// and anything shaped like a known API key or token (sk-..., sk-ant-..., AIza..., ghp_..., Bearer ...), whatever
/// variable it came from.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "[redacted]";

    /// <summary>Shorter values (1, true, a port) would mask innocent text everywhere.</summary>
    private const int MinimumValueLength = 8;

    private readonly string[] secrets;

    /// <summary>Redacts the values of the variables whose names say KEY, TOKEN, SECRET or PASSWORD, and the key shapes.</summary>
    public SecretRedactor(IEnumerable<KeyValuePair<string, string?>> environment)
        : this(environment.Where(kv => IsSecretName(kv.Key) && kv.Value is { Length: >= 6 }).Select(kv => kv.Value!))
    {
    }

    private SecretRedactor(IEnumerable<string> values)
    {
        secrets = values
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    /// <summary>
    /// The redactor of one agent's errors: every value of its configured <c>env</c> (settings.json
    /// <c>agents.&lt;id&gt;.env</c>) whatever its name, the daemon's own secret-named variables, and the key shapes.
    /// </summary>
    public static SecretRedactor ForAgent(IReadOnlyDictionary<string, string?> configuredEnvironment)
    {
        var configured = configuredEnvironment
            .Where(kv => kv.Value is { Length: >= MinimumValueLength } || (IsSecretName(kv.Key) && kv.Value is { Length: >= 6 }))
            .Select(kv => kv.Value!);
        var daemon = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => IsSecretName((string)e.Key) && e.Value is string { Length: >= 6 })
            .Select(e => (string)e.Value!);
        return new SecretRedactor(configured.Concat(daemon));
    }

    public static bool IsSecretName(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.Contains("KEY", StringComparison.Ordinal) || upper.Contains("TOKEN", StringComparison.Ordinal)
            || upper.Contains("SECRET", StringComparison.Ordinal) || upper.Contains("PASSWORD", StringComparison.Ordinal)
            || upper.Contains("CREDENTIAL", StringComparison.Ordinal);
    }

    public string Redact(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = KeyShapes().Replace(text, Mask);
        return BearerTokens().Replace(text, "${scheme}" + Mask);
    }

    public ErrorEvent Redact(ErrorEvent error) => error with
    {
        Message = Redact(error.Message),
        Detail = error.Detail is null ? null : Redact(error.Detail),
    };

    // Anthropic and OpenAI (sk-, sk-ant-, sk-proj-), Google (AIza), GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_),
    // Slack (xox?-), AWS access key ids (AKIA), Hugging Face (hf_).
    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_\-]{16,}|AIza[0-9A-Za-z_\-]{30,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9\-]{10,}|AKIA[0-9A-Z]{16}|hf_[A-Za-z0-9]{20,})")]
    private static partial Regex KeyShapes();

    // "Authorization: Bearer X", "Bearer X", "x-api-key: X", "api_key=X": the scheme or name stays, the value goes.
    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|Token)\s+|\b(?:x-api-key|x-goog-api-key|api[_-]?key|access[_-]?token|password)[""']?\s*[:=]\s*[""']?)(?!\[redacted\])[A-Za-z0-9._~+/=\-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerTokens();
}

namespace Maestro.Server.Agents;

/// <summary>
/// Removes secret values (the values of environment variables whose names say KEY, TOKEN, SECRET or
/// PASSWORD) from text that is about to be stored or shown, such as an agent's stderr.
/// </summary>
public sealed class SecretRedactor
{
    private readonly string[] secrets;

    public SecretRedactor(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        secrets = environment
            .Where(kv => IsSecretName(kv.Key) && kv.Value is { Length: >= 6 })
            .Select(kv => kv.Value!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    public static bool IsSecretName(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.Contains("KEY", StringComparison.Ordinal) || upper.Contains("TOKEN", StringComparison.Ordinal)
            || upper.Contains("SECRET", StringComparison.Ordinal) || upper.Contains("PASSWORD", StringComparison.Ordinal);
    }

    public string Redact(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }
}

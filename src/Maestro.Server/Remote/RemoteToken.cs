using System.Security.Cryptography;
using System.Text;

namespace Maestro.Server.Remote;

/// <summary>
/// One access token: 256 random bits, URL-safe base64. Compared in constant time over SHA-256 digests, so neither the
/// content nor the length of a guess changes how long the comparison takes.
/// </summary>
public sealed class RemoteToken
{
    private readonly byte[] digest;

    private RemoteToken(string value)
    {
        Value = value;
        digest = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The secret: put only in a URL fragment, never logged.</summary>
    public string Value { get; }

    public static RemoteToken Create() => new(Base64Url(RandomNumberGenerator.GetBytes(32)));

    public bool Matches(string? candidate)
    {
        var other = SHA256.HashData(Encoding.UTF8.GetBytes(candidate ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(digest, other);
    }

    private static string Base64Url(byte[] bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using Maestro.Server.Errors;

namespace Maestro.Server.Rpc;

/// <summary>
/// Path params at the RPC edge. The daemon's own working folder means nothing to a client, so a relative path is
/// resolved against the request's own folder when it has one, and refused otherwise; never against the daemon's.
/// </summary>
public static class RequestPath
{
    /// <summary><paramref name="value"/> when it is absolute; InvalidParams naming <paramref name="name"/> when not.</summary>
    public static string Absolute(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidParamsException($"{name} is empty; give an absolute path.");
        }

        return Path.IsPathFullyQualified(value)
            ? value
            : throw new InvalidParamsException($"{name} '{value}' is relative; give an absolute path (the daemon's own folder is not yours).");
    }

    /// <summary>Null stays null; otherwise as <see cref="Absolute"/>.</summary>
    public static string? OptionalAbsolute(string? value, string name) => value is null ? null : Absolute(value, name);

    /// <summary><paramref name="value"/> made absolute against <paramref name="cwd"/> (already absolute) when relative; refused when there is no cwd.</summary>
    public static string AbsoluteAgainst(string? value, string? cwd, string name)
        => value is not null && cwd is not null && !string.IsNullOrWhiteSpace(value) && !Path.IsPathFullyQualified(value) && !value.Contains('\0', StringComparison.Ordinal)
            ? Path.GetFullPath(value, cwd)
            : Absolute(value, name);
}

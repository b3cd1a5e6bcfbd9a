using System.Text.RegularExpressions;
using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts;

/// <summary>Checks what <c>hosts/add</c> was given; every refusal says what to write instead.</summary>
public static partial class HostValidation
{
    /// <summary>The name later lists give this machine.</summary>
    public const string LocalName = "local";

    public static HostRecord Validate(HostAddParams request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = (request.Name ?? string.Empty).Trim();
        if (!NamePattern().IsMatch(name))
        {
            throw new InvalidParamsException($"The host name '{request.Name}' is not simple: use 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'gpu-box').");
        }

        if (name.Equals(LocalName, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidParamsException($"'{LocalName}' names this machine; choose another name for the host.");
        }

        var destination = (request.Destination ?? string.Empty).Trim();
        SshDestination.Parse(destination);

        var options = (request.Options ?? []).Select(o => (o ?? string.Empty).Trim()).ToList();
        foreach (var option in options)
        {
            SshOption.Check(option);
        }

        var env = request.Env ?? new Dictionary<string, string>();
        foreach (var (key, value) in env)
        {
            if (!EnvNamePattern().IsMatch(key))
            {
                throw new InvalidParamsException($"The environment variable name '{key}' is not valid: letters, digits and '_', not starting with a digit.");
            }

            if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidParamsException($"The value of the environment variable '{key}' is missing or holds a NUL character.");
            }
        }

        var folder = string.IsNullOrWhiteSpace(request.Folder) ? null : request.Folder.Trim();
        if (folder is not null && folder.Any(char.IsControl))
        {
            throw new InvalidParamsException("The folder holds control characters (a newline?); give the path of a folder on the host.");
        }

        return new HostRecord(name, destination, options, new Dictionary<string, string>(env, StringComparer.Ordinal), folder, now);
    }

    /// <summary>The warnings of a stored host's options (they passed <see cref="Validate"/>).</summary>
    public static IReadOnlyList<string> Warnings(HostRecord host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return [.. host.Options.Select(SshOption.Check).OfType<string>()];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex EnvNamePattern();
}

namespace Maestro.Protocol;

/// <summary>The protocol version this build speaks. Clients must share the major number.</summary>
public static class ProtocolVersion
{
    public const int Major = 1;
    public const int Minor = 0;
    public const string Current = "1.0";

    /// <summary>Reads the major number of a "major.minor" version; null when it is not one.</summary>
    public static int? ParseMajor(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return null;
        }

        var head = version.Split('.', 2)[0];
        return int.TryParse(head, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : null;
    }
}

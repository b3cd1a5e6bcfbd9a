using M = Maestro.Protocol.Methods;

namespace Maestro.Server.Rpc;

/// <summary>
/// Protocol methods whose feature has not landed in this build. They answer -32601 naming the feature,
/// never a made-up result. A feature removes its methods from here when it lands.
/// </summary>
public static class PendingFeatures
{
    private static readonly Dictionary<string, string> FeatureByMethod = new(StringComparer.Ordinal)
    {
    };

    public static bool TryGetFeature(string method, out string feature)
        => FeatureByMethod.TryGetValue(method, out feature!);

    public static IReadOnlyCollection<string> All => FeatureByMethod.Keys;
}

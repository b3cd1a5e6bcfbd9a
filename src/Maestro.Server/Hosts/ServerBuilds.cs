using Maestro.Server.Hosting;

namespace Maestro.Server.Hosts;

/// <summary>
/// Where the server for a platform is on this machine, to be copied to a host: <c>&lt;rid&gt;/</c> of
/// <c>MAESTRO_SERVER_BUILDS</c>, a sibling <c>&lt;rid&gt;/</c> of the running server's folder (the layout of
/// artifacts/server and of a platform VSIX's server/), else, for a host of this machine's platform, the running
/// server's own folder.
/// </summary>
public sealed class ServerBuilds
{
    private readonly MaestroOptions options;

    public ServerBuilds(MaestroOptions options)
    {
        this.options = options;
    }

    /// <summary>The folder holding <c>maestro</c> for <paramref name="rid"/>, or null when there is none.</summary>
    public string? Find(string rid)
    {
        ArgumentNullException.ThrowIfNull(rid);
        var own = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var candidates = new List<string>();
        if (options.ServerBuildsPath is { } builds)
        {
            candidates.Add(Path.Combine(builds, rid));
        }

        if (Path.GetDirectoryName(own) is { } parent)
        {
            candidates.Add(Path.Combine(parent, rid));
        }

        if (rid == RemotePlatform.Local)
        {
            candidates.Add(own);
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "maestro")));
    }

    /// <summary>Where <see cref="Find"/> looks, for the error that says none was there.</summary>
    public string Describe(string rid)
        => options.ServerBuildsPath is { } builds
            ? $"{Path.Combine(builds, rid)} (MAESTRO_SERVER_BUILDS) or beside this server"
            : $"artifacts/server/{rid} beside this server (build it with 'scripts/publish-server.sh {rid}', then point MAESTRO_SERVER_BUILDS at artifacts/server)";
}

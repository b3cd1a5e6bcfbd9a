using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>How the local daemon's connection to a host stands.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<HostState>))]
public enum HostState
{
    /// <summary>No connection: not used yet (no <c>lastError</c>), or lost and not back (see <c>lastError</c>).</summary>
    Offline,

    /// <summary>ssh is starting, or the connection was lost and is being tried again with backoff.</summary>
    Connecting,

    /// <summary>The host's <c>maestro serve --stdio</c> answered <c>initialize</c> over ssh.</summary>
    Online,
}

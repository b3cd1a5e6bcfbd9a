namespace Maestro.Server.Hosts;

/// <summary>A host as stored: what the user gave <c>hosts/add</c>, validated.</summary>
public sealed record HostRecord(
    string Name,
    string Destination,
    IReadOnlyList<string> Options,
    IReadOnlyDictionary<string, string> Env,
    string? Folder,
    DateTimeOffset CreatedAt);

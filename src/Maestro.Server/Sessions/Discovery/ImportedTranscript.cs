using Maestro.Protocol;

namespace Maestro.Server.Sessions.Discovery;

/// <summary>A conversation read from an agent's own files, ready to become a Maestro session.</summary>
public sealed record ImportedTranscript(DiscoveredSession Found, IReadOnlyList<SessionEvent> Events);

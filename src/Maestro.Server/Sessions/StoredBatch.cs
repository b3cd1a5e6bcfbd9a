using Maestro.Protocol;

namespace Maestro.Server.Sessions;

/// <summary>A batch of events as committed (renumbered if the database already held their numbers) and the session row stored with it.</summary>
public sealed record StoredBatch(Session Session, IReadOnlyList<SessionEventNotification> Events);

namespace Maestro.Server.Sessions.Resilience;

/// <summary>Where one send of a turn goes: the agent as configured, or its failover backup (docs/resilience.md).</summary>
public enum TurnRoute
{
    Primary,
    Backup,
}

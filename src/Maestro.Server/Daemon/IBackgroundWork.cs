namespace Maestro.Server.Daemon;

/// <summary>A feature's work that keeps the daemon running while no client is connected (a playbook run, for one).</summary>
public interface IBackgroundWork
{
    bool HasWork { get; }
}

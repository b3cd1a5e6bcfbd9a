namespace Maestro.Server.Rpc;

public enum ConnectionState
{
    Created,
    Initialized,
    ShutDown,
    Exited,
}

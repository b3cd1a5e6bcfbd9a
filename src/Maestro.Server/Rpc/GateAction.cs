namespace Maestro.Server.Rpc;

public enum GateAction
{
    Dispatch,
    Drop,
    Reply,
}

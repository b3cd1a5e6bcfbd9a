namespace Maestro.Server.Rpc;

/// <summary>
/// A feature's JSON-RPC methods. Each implementation is registered scoped (one per connection) and added
/// as a target of that connection. Its public methods are the wire methods, named by [JsonRpcMethod];
/// they only translate and call the feature's service.
/// </summary>
public interface IRpcHandlers
{
}

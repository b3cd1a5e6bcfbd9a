namespace Maestro.Server.Tests.Rpc.Fuzz;

/// <summary>
/// One thing the fuzzer sends: its bytes, what kind of hostility it is (for failure messages), and the id the server
/// owes an answer to (null when the frame carries no id the server can read, e.g. a body that is not JSON).
/// </summary>
public sealed record FuzzFrame(string Kind, byte[] Bytes, string? ExpectedId);

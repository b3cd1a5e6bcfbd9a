using StreamJsonRpc;

namespace Maestro.Server.Tests.Chat;

/// <summary>
/// The error a chat call was refused with. StreamJsonRpc's client raises -32602 (InvalidParams) as
/// <see cref="RemoteMethodNotFoundException"/>, like -32601, so a test reads the code, not the exception type.
/// </summary>
internal static class ChatErrors
{
    public static async Task<RemoteRpcException> FailsAsync(Func<Task> call, int code, string messagePart)
    {
        var error = await Assert.ThrowsAnyAsync<RemoteRpcException>(call);
        var actual = error switch
        {
            RemoteInvocationException invocation => invocation.ErrorCode,
            RemoteMethodNotFoundException refused => (int)refused.ErrorCode,
            _ => 0,
        };
        Assert.True(code == actual, $"Expected error {code}, got {actual}: {error.Message}");
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        return error;
    }
}

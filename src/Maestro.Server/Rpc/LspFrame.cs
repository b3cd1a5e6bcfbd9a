namespace Maestro.Server.Rpc;

/// <summary>What the frame reader found next on the stream.</summary>
internal readonly record struct LspFrame(LspFrameKind Kind, byte[]? Body = null, long Length = 0, string? Problem = null)
{
    public static LspFrame EndOfStream { get; } = new(LspFrameKind.EndOfStream);
}

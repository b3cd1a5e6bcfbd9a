namespace Maestro.Server.Rpc;

internal enum LspFrameKind
{
    /// <summary>A whole frame whose body is in <see cref="LspFrame.Body"/>.</summary>
    Message,

    /// <summary>A frame larger than the limit; its body was skipped unread.</summary>
    TooLarge,

    /// <summary>Bytes that are not a valid header; the reader skipped to the next <c>Content-Length</c>.</summary>
    BadHeader,

    /// <summary>The stream ended, possibly in the middle of a frame.</summary>
    EndOfStream,
}

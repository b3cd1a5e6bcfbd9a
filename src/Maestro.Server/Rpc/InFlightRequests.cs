using StreamJsonRpc;

namespace Maestro.Server.Rpc;

/// <summary>
/// The bytes of one connection's requests that are read but not yet answered, with a ceiling: three 60 MB requests
/// in a row once took 2.1 GB. One request is always let in, however large (the frame limit bounds it); past the
/// ceiling a request is refused rather than waited for, since the answer that frees room may need a message behind it.
/// </summary>
internal sealed class InFlightRequests
{
    private readonly Dictionary<RequestId, long> requests = [];
    private long bytes;

    public InFlightRequests(long capacity)
    {
        Capacity = capacity;
    }

    public long Capacity { get; }

    public long Bytes
    {
        get
        {
            lock (requests)
            {
                return bytes;
            }
        }
    }

    public bool TryAdd(RequestId id, long length)
    {
        lock (requests)
        {
            if ((bytes > 0 && bytes + length > Capacity) || !requests.TryAdd(id, length))
            {
                return false;
            }

            bytes += length;
            return true;
        }
    }

    public void Remove(RequestId id)
    {
        lock (requests)
        {
            if (requests.Remove(id, out var length))
            {
                bytes -= length;
            }
        }
    }
}

using System.Runtime.InteropServices;

namespace Maestro.Server.Hosting;

/// <summary>
/// Who owns a file, and who we are: .NET exposes a file's mode but not its owner. The owner comes from the runtime's
/// own native shim (<c>SystemNative_LStat</c>, shipped with every .NET on Linux and macOS), whose FileStatus begins
/// with Flags, Mode, Uid, Gid as 32-bit fields on every platform; the effective uid from libc.
/// </summary>
internal static class UnixOwner
{
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);

    public static uint CurrentUser() => GetEffectiveUserId();

    /// <summary>The owner's uid of <paramref name="path"/> itself (a link is not followed); null when it does not exist.</summary>
    public static uint? OwnerOf(string path)
    {
        var status = new byte[256]; // larger than FileStatus on every platform
        return LStat(path, status) == 0 ? BitConverter.ToUInt32(status, 8) : null;
    }

    /// <summary>True when <paramref name="path"/> exists and belongs to the current user.</summary>
    public static bool IsMine(string path) => OwnerOf(path) == CurrentUser();

    /// <summary>Runs <paramref name="action"/> with umask 077, so what it creates (a socket by bind) is private from its first instant.</summary>
    public static void WithPrivateUmask(Action action)
    {
        var previous = SetUmask(0x3F); // 077
        try
        {
            action();
        }
        finally
        {
            _ = SetUmask(previous);
        }
    }
}

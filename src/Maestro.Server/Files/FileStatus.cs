using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Maestro.Server.Files;

/// <summary>
/// lstat(2)/fstat(2) without following a link: what a path or an open handle really is (regular file, link, FIFO,
/// device, folder) and its identity. .NET reports every non-folder as a "Normal" file, so a FIFO or <c>/dev/zero</c>
/// looks like an empty file until reading it blocks or never ends.
/// </summary>
/// <remarks>
/// Through the runtime's own portable shim (libSystem.Native, shipped with every .NET on Linux and macOS), whose
/// status record has the same layout on every architecture, unlike libc's <c>struct stat</c>. The fields read here
/// are the shim's <c>FileStatus</c> of .NET 10 (pal_io.h): Mode at 4, Size at 16, Dev at 88, Ino at 104.
/// </remarks>
internal readonly record struct FileStatus(FileKind Kind, long Size, long Device, long Inode)
{
    private const int BufferSize = 256;
    private const int TypeMask = 0xF000;

    /// <summary>The status of the path itself (a link is reported as a link); null when nothing is there.</summary>
    public static FileStatus? OfPath(string path)
    {
        var buffer = new byte[BufferSize];
        return LStat(path, buffer) == 0 ? Parse(buffer) : null;
    }

    /// <summary>The status of what an open handle refers to.</summary>
    public static FileStatus OfHandle(SafeFileHandle handle)
    {
        var buffer = new byte[BufferSize];
        if (FStat(handle, buffer) != 0)
        {
            throw new IOException($"fstat failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        return Parse(buffer);
    }

    /// <summary>True when both name the same file (device and inode).</summary>
    public bool SameFileAs(FileStatus other) => Device == other.Device && Inode == other.Inode;

    private static FileStatus Parse(byte[] buffer)
    {
        var mode = BitConverter.ToInt32(buffer, 4);
        var kind = (mode & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 or 0x6000 => FileKind.Device,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileStatus(kind, BitConverter.ToInt64(buffer, 16), BitConverter.ToInt64(buffer, 88), BitConverter.ToInt64(buffer, 104));
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] output);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FStat(SafeFileHandle fd, [Out] byte[] output);
}

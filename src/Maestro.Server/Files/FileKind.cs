namespace Maestro.Server.Files;

/// <summary>What a directory entry is, as lstat(2) reports it.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Device,
    Socket,
    Other,
}

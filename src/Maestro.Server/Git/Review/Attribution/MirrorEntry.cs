namespace Maestro.Server.Git.Review.Attribution;

/// <summary>One entry of a folder in a <see cref="SnapshotTreeMirror"/>: its git mode (0100644, 040000, …) and object id as raw bytes.</summary>
internal readonly record struct MirrorEntry(int Mode, byte[] Id);

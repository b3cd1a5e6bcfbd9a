namespace Maestro.Server.Storage;

/// <summary>One step of the schema; applied once, in order, inside a transaction.</summary>
public sealed record Migration(int Version, string Name, string Sql);

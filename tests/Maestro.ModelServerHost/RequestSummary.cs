namespace Maestro.ModelServerHost;

internal sealed record RequestSummary(int Index, string Method, string Path, string Api, string ServedAs, string Body);

namespace Maestro.ModelServerHost;

/// <summary>
/// <c>{"count": 3, "status": 529}</c>: the next <c>count</c> scripted model requests fail that way, then the script goes
/// on. <c>message</c> replaces the error text, <c>retryAfter</c> adds the header, <c>drop</c> resets the connection.
/// </summary>
internal sealed record ControlFailures(int Count, int? Status, string? Message, int? RetryAfter, bool Drop);

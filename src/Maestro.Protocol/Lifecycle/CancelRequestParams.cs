using System.Text.Json;

namespace Maestro.Protocol;

/// <summary>Params of <c>$/cancelRequest</c>: the id of the request to cancel, a number or a string as sent.</summary>
public sealed record CancelRequestParams
{
    public required JsonElement Id { get; init; }
}

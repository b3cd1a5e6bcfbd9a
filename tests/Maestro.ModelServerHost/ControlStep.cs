using System.Text.Json;

namespace Maestro.ModelServerHost;

/// <summary>One step of a scripted turn on the control API: <c>{"text": "..."}</c> or <c>{"tool": "Write", "args": {...}}</c>.</summary>
internal sealed record ControlStep(string? Text, string? Tool, JsonElement? Args);

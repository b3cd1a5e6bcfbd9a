namespace Maestro.TestSupport.ModelServer;

/// <summary>A tool call the model makes; <see cref="ArgumentsJson"/> is the tool input object.</summary>
public sealed record ToolCallStep(string Name, string ArgumentsJson) : ScriptStep;

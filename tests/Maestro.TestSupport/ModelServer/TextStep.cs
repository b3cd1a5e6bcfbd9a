namespace Maestro.TestSupport.ModelServer;

/// <summary>Assistant text, streamed as one delta.</summary>
public sealed record TextStep(string Content) : ScriptStep;

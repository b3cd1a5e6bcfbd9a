namespace Maestro.TestSupport.ModelServer;

/// <summary>One model response: the steps it streams and the usage it reports.</summary>
/// <param name="Number">Position in the server's answers, used to make deterministic ids.</param>
public sealed record ModelReply(int Number, IReadOnlyList<ScriptStep> Steps, ModelUsage Usage)
{
    public bool CallsTools => Steps.Any(s => s is ToolCallStep);

    public IEnumerable<ToolCallStep> ToolCalls => Steps.OfType<ToolCallStep>();

    public string AllText => string.Concat(Steps.OfType<TextStep>().Select(s => s.Content));
}

namespace Maestro.TestSupport.ModelServer;

/// <summary>One piece of a scripted model turn: text to say or a tool to call.</summary>
public abstract record ScriptStep
{
    public static ScriptStep Text(string text) => new TextStep(text);

    /// <param name="name">The tool name exactly as the CLI declared it in its request (Write, exec_command, write...).</param>
    /// <param name="argumentsJson">The tool input as a JSON object.</param>
    public static ScriptStep ToolCall(string name, string argumentsJson) => new ToolCallStep(name, argumentsJson);
}

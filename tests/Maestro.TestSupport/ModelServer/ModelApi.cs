namespace Maestro.TestSupport.ModelServer;

/// <summary>Which wire format a request used, from its path.</summary>
public enum ModelApi
{
    Other,
    AnthropicMessages,
    AnthropicCountTokens,
    OpenAIResponses,
    OpenAIChatCompletions,
    Gemini,
}

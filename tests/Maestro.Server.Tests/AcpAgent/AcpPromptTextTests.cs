using System.Text.Json;
using Maestro.Server.AcpAgent;

namespace Maestro.Server.Tests.AcpAgent;

/// <summary>An ACP prompt's content blocks as the one text a backend takes; what it cannot take is refused, not dropped.</summary>
public sealed class AcpPromptTextTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Text_blocks_and_resource_links_make_one_prompt()
    {
        var text = AcpPromptText.From(Json("""[{"type":"text","text":"Explain"},{"type":"resource_link","uri":"file:///repo/a%20b.cs","name":"a b.cs"},{"type":"text","text":"please"}]"""));
        Assert.Equal("Explain @/repo/a b.cs please", text);
    }

    [Theory]
    [InlineData("""[{"type":"image","mimeType":"image/png","data":"AA=="}]""", "'image'")]
    [InlineData("""[{"type":"text","text":"x"},{"type":"resource","resource":{"uri":"file:///a","text":"x"}}]""", "'resource'")]
    [InlineData("""[{"type":"text","text":"  "}]""", "no text")]
    [InlineData("""{"type":"text","text":"x"}""", "array")]
    public void Unsupported_or_empty_prompts_are_invalid_params_naming_the_problem(string prompt, string named)
    {
        var error = Assert.Throws<AcpRequestException>(() => AcpPromptText.From(Json(prompt)));
        Assert.Equal(-32602, error.Code);
        Assert.Contains(named, error.Message);
    }
}

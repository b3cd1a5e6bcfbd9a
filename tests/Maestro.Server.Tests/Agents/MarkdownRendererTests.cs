using Maestro.Server.Agents.Markdown;

namespace Maestro.Server.Tests.Agents;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Markdown_becomes_html_and_raw_html_is_escaped()
    {
        var html = MarkdownRenderer.ToSafeHtml("**bold** <script>alert(1)</script>");
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](vbscript:msgbox)")]
    public void Unsafe_link_targets_are_neutralised(string markdown)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Web_and_relative_links_are_kept()
    {
        var html = MarkdownRenderer.ToSafeHtml("[a](https://example.com) [b](docs/x.md) [c](#top)");
        Assert.Contains("href=\"https://example.com\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"docs/x.md\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#top\"", html, StringComparison.Ordinal);
    }
}

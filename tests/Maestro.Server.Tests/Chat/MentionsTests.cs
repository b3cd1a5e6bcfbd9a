using Maestro.Server.Chat;

namespace Maestro.Server.Tests.Chat;

public sealed class MentionsTests
{
    [Theory]
    [InlineData("@a and @b", "a,b")]
    [InlineData("@b then @a then @b", "b,a")]
    [InlineData("mail me at x@a.org", "")]
    [InlineData("(@a) @b-, ok", "a,b")]
    [InlineData("no mention", "")]
    public void Mentions_are_parsed_in_order_each_once(string text, string expected)
        => Assert.Equal(expected, string.Join(",", Mentions.Parse(text)));

    [Theory]
    [InlineData("a", true)]
    [InlineData("planner-1", true)]
    [InlineData("all", false)]
    [InlineData("user", false)]
    [InlineData("-a", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Aliases_are_names_not_routing_words(string alias, bool valid)
        => Assert.Equal(valid, Mentions.IsValidAlias(alias));
}

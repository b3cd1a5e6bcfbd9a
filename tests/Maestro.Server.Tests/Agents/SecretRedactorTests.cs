using Maestro.Server.Agents;

namespace Maestro.Server.Tests.Agents;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Values_of_secret_variables_are_removed_and_others_kept()
    {
        var redactor = new SecretRedactor(new Dictionary<string, string?>
        {
            ["ANTHROPIC_API_KEY"] = "sk-ant-very-secret",
            ["GITHUB_TOKEN"] = "ghp_abcdef123456",
            ["DB_PASSWORD"] = "hunter22",
            ["HOME"] = "/home/user",
            ["SHORT_KEY"] = "abc",
        });
        var text = redactor.Redact("401 for key sk-ant-very-secret at /home/user with ghp_abcdef123456 and hunter22 abc");
        Assert.Equal("401 for key [redacted] at /home/user with [redacted] and [redacted] abc", text);
    }

    [Theory]
    [InlineData("key sk-ant-api03-AbCdEf0123456789xyz leaked", "key [redacted] leaked")]
    [InlineData("OPENAI sk-proj-AbCdEf0123456789xyzW", "OPENAI [redacted]")]
    [InlineData("google AIzaSyA1234567890abcdefghijklmnopqrstu", "google [redacted]")]
    [InlineData("gh ghp_0123456789abcdefghijABCDEFGHIJ", "gh [redacted]")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "Authorization: Bearer [redacted]")]
    [InlineData("x-api-key: abcdefgh12345678", "x-api-key: [redacted]")]
    [InlineData("url?api_key=abcdefgh12345678&x=1", "url?api_key=[redacted]&x=1")]
    [InlineData("plain words, a path /usr/lib and sk-short", "plain words, a path /usr/lib and sk-short")]
    public void Known_key_shapes_are_removed_whatever_variable_they_came_from(string text, string expected)
        => Assert.Equal(expected, new SecretRedactor([]).Redact(text));

    [Fact]
    public void Every_configured_env_value_of_the_agent_is_removed_whatever_its_name()
    {
        var redactor = SecretRedactor.ForAgent(new Dictionary<string, string?> { ["SERVICE_LOGIN"] = "correct-horse-battery", ["FLAG"] = "1", ["MODE"] = "fast" });
        Assert.Equal("login [redacted] mode fast 1", redactor.Redact("login correct-horse-battery mode fast 1"));
    }
}

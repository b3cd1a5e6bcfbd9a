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
}

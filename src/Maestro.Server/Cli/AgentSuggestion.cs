using System.Text.RegularExpressions;
using Maestro.Server.Agents;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary>"There is no agent 'claud'" gets "Did you mean 'claude-code'?": the agent ids this machine knows (the
/// built-in ones and the ACP agents of settings.json) that are close to what was typed.</summary>
internal static partial class AgentSuggestion
{
    public static async Task<string> AppendAsync(string message)
    {
        var match = NoAgent().Match(message);
        if (!match.Success)
        {
            return message;
        }

        IReadOnlyList<string> close;
        try
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            close = Suggestions.Closest(match.Groups[1].Value, services.GetRequiredService<AgentCatalog>().Definitions.Select(d => d.Id));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A hint, never a second failure on top of the first.
            return message;
        }

        return close.Count == 0 ? message : $"{message} Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?";
    }

    [GeneratedRegex(@"There is no agent '([^']+)'")]
    private static partial Regex NoAgent();
}

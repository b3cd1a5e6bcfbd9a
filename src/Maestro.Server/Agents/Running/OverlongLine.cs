using System.Globalization;
using Maestro.Protocol;

namespace Maestro.Server.Agents.Running;

/// <summary>The note a session gets when Maestro skipped a line of the agent's output for being over the limit.</summary>
public static class OverlongLine
{
    public static MessageEvent Notice(string agentName, long length, int limit)
    {
        var text = string.Format(
            CultureInfo.InvariantCulture,
            "{0} printed a line of {1:0.#} MiB, over Maestro's limit of {2:0.#} MiB; it was skipped.",
            agentName,
            length / 1048576.0,
            limit / 1048576.0);
        return new MessageEvent { Text = text, Html = "<p>" + System.Net.WebUtility.HtmlEncode(text) + "</p>", Role = "notice" };
    }
}

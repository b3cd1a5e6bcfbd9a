using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Markdown;

namespace Maestro.Server.Agents.Running;

/// <summary>
/// What every parser of an agent CLI's JSON lines shares: a line becomes a JSON object or a kept garbage line, the
/// agent's conversation id and the turn's outcome are remembered, and tool paths are shown relative to the turn's
/// folder. A parser says only what its agent's objects mean, in <see cref="Read"/>.
/// </summary>
public abstract class JsonLinesStreamParser : IAgentStreamParser
{
    protected JsonLinesStreamParser(string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
    }

    public string? AgentSessionId { get; protected set; }

    public virtual TurnOutcome? Outcome { get; protected set; }

    public List<string> Garbage { get; } = [];

    /// <summary>The folder the turn runs in; relative tool paths are relative to it.</summary>
    protected string WorkingDirectory { get; }

    public IEnumerable<SessionEvent> Parse(string line)
    {
        using var document = JsonLines.ParseOrKeep(line, Garbage);
        return document is null ? [] : Read(document.RootElement);
    }

    /// <summary>
    /// The events one JSON object of the stream means. The document is disposed when this returns: return a list,
    /// never a lazy sequence, and <c>Clone()</c> any element an event keeps.
    /// </summary>
    protected abstract IReadOnlyList<SessionEvent> Read(JsonElement root);

    /// <summary>A path a tool names, absolute (resolved against the turn's folder).</summary>
    protected string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>A path a tool names as the session shows it: relative to the turn's folder, absolute when outside it.</summary>
    protected string DisplayPath(string path)
    {
        var full = FullPath(path);
        var relative = Path.GetRelativePath(WorkingDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative.Replace('\\', '/');
    }

    /// <summary>A finished message, its markdown rendered; <paramref name="role"/> is "assistant", "thought" or "notice".</summary>
    protected static MessageEvent Message(string text, string role = "assistant")
        => new() { Text = text, Html = MarkdownRenderer.ToSafeHtml(text), Role = role };

    /// <summary>For a tool call the agent gave no id.</summary>
    protected static string NewToolCallId() => Guid.NewGuid().ToString("N");

    /// <summary>A title's detail, cut to 120 characters.</summary>
    protected static string Shorten(string? text) => text is null ? string.Empty : text.Length > 120 ? text[..120] + "…" : text;
}

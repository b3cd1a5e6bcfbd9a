using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// What an editor may choose for a session, as ACP's session config options (<c>configOptions</c>, select only) and
/// modes: the backend agent, its model and the permission mode. ACP's selects take values from a closed list: the
/// models are those <c>agents/list</c> reports for the session's agent (settings.json's <c>agents.ID.models</c>, else
/// the agent's documented names), with "default" (the agent's own choice) first and the session's model when it is
/// another; an agent with no list and no model set gets no model option. The permission mode is both a config option
/// (category <c>mode</c>) and ACP's modes, kept in step.
/// </summary>
internal static class AcpSessionConfig
{
    public const string AgentOption = "agent";
    public const string ModeOption = "permission_mode";
    public const string ModelOption = "model";

    /// <summary>The model value that leaves the choice to the agent (no <c>--model</c>).</summary>
    public const string DefaultModel = "default";

    /// <summary>ACP leaves categories that start with "_" free; the backend is none of its own (mode, model, ...).</summary>
    public const string AgentCategory = "_agent";

    private static readonly (PermissionMode Mode, string Id, string Name, string Description)[] Modes =
    [
        (PermissionMode.Ask, "ask", "Ask", "The backend asks before it edits files or runs commands."),
        (PermissionMode.AcceptEdits, "acceptEdits", "Accept edits", "The backend edits files without asking; it asks before anything else."),
        (PermissionMode.Bypass, "bypass", "Bypass permissions", "The backend does everything without asking."),
    ];

    public static string ModeId(PermissionMode mode) => Modes.First(m => m.Mode == mode).Id;

    public static PermissionMode? ParseMode(string? id) => Modes.FirstOrDefault(m => m.Id == id) is { Id: not null } found ? found.Mode : null;

    public static string ModeIds => string.Join(", ", Modes.Select(m => m.Id));

    /// <summary>ACP's <c>SessionModeState</c>: the permission modes and the session's.</summary>
    public static JsonObject ModeState(Session session) => new()
    {
        ["currentModeId"] = ModeId(session.PermissionMode),
        ["availableModes"] = new JsonArray([.. Modes.Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["name"] = m.Name, ["description"] = m.Description })]),
    };

    /// <summary>The config options with the session's current values; the backends offered are the installed ones (and the session's own).</summary>
    public static JsonArray Options(Session session, IReadOnlyList<AgentInfo> agents)
    {
        var offered = agents.Where(a => a.Available || a.Id == session.AgentId).ToList();
        if (offered.All(a => a.Id != session.AgentId))
        {
            offered.Add(new AgentInfo { Id = session.AgentId, Name = session.AgentId, Kind = AgentKind.Native, Available = false, Command = session.AgentId });
        }

        var models = ModelValues(session, agents);
        JsonArray options =
        [
            new JsonObject
            {
                ["id"] = AgentOption,
                ["name"] = "Agent",
                ["description"] = "The backend agent of the next turn; another one starts a fresh conversation in this session.",
                ["category"] = AgentCategory,
                ["type"] = "select",
                ["currentValue"] = session.AgentId,
                ["options"] = new JsonArray([.. offered.Select(a => (JsonNode)new JsonObject { ["value"] = a.Id, ["name"] = a.Name, ["description"] = a.Available ? a.Version : a.Reason })]),
            },
            new JsonObject
            {
                ["id"] = ModeOption,
                ["name"] = "Permission mode",
                ["description"] = "What the backend may do without asking.",
                ["category"] = "mode",
                ["type"] = "select",
                ["currentValue"] = ModeId(session.PermissionMode),
                ["options"] = new JsonArray([.. Modes.Select(m => (JsonNode)new JsonObject { ["value"] = m.Id, ["name"] = m.Name, ["description"] = m.Description })]),
            },
        ];
        if (models.Count > 1)
        {
            options.Insert(1, new JsonObject
            {
                ["id"] = ModelOption,
                ["name"] = "Model",
                ["description"] = "The backend's model from the next turn; 'default' leaves it to the backend.",
                ["category"] = "model",
                ["type"] = "select",
                ["currentValue"] = session.Model ?? DefaultModel,
                ["options"] = new JsonArray([.. models.Select(m => (JsonNode)new JsonObject
                {
                    ["value"] = m,
                    ["name"] = m == DefaultModel ? "Default" : m,
                    ["description"] = m == DefaultModel ? $"{session.AgentId}'s own default" : null,
                })]),
            });
        }

        return options;
    }

    /// <summary>The model values offered for the session: "default", the agent's reported models, and the session's own.</summary>
    public static IReadOnlyList<string> ModelValues(Session session, IReadOnlyList<AgentInfo> agents)
    {
        var values = new List<string> { DefaultModel };
        values.AddRange(agents.FirstOrDefault(a => a.Id == session.AgentId)?.Models ?? []);
        if (session.Model is { } current)
        {
            values.Add(current);
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    public static JsonObject OptionsUpdate(Session session, IReadOnlyList<AgentInfo> agents) => new()
    {
        ["sessionUpdate"] = AcpWire.Updates.ConfigOptionUpdate,
        ["configOptions"] = Options(session, agents),
    };

    public static JsonObject ModeUpdate(Session session) => new()
    {
        ["sessionUpdate"] = AcpWire.Updates.CurrentModeUpdate,
        ["currentModeId"] = ModeId(session.PermissionMode),
    };
}

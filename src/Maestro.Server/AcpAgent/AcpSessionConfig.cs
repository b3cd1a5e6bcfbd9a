using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// What an editor may choose for a session, as ACP's session config options (<c>configOptions</c>, select only) and
/// modes: the backend agent and the permission mode. The model is not offered: ACP's selects have a closed list of
/// values and Maestro knows no backend's model list; <c>--model</c> and <c>sessions/configure</c> set it.
/// The permission mode is both a config option (category <c>mode</c>) and ACP's modes, kept in step.
/// </summary>
internal static class AcpSessionConfig
{
    public const string AgentOption = "agent";
    public const string ModeOption = "permission_mode";

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

        return
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

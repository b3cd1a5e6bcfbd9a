namespace Maestro.Server.Agents;

/// <summary>Maps agents' tool names to the protocol's tool kinds (read, edit, delete, move, search, execute, think, fetch, other).</summary>
public static class ToolKinds
{
    public static string Of(string toolName) => toolName.ToUpperInvariant() switch
    {
        "READ" or "NOTEBOOKREAD" or "READ_FILE" => "read",
        "WRITE" or "EDIT" or "MULTIEDIT" or "NOTEBOOKEDIT" or "APPLY_PATCH" or "WRITE_FILE" or "REPLACE" or "PATCH" => "edit",
        "BASH" or "SHELL" or "EXEC_COMMAND" or "LOCAL_SHELL" or "RUN_SHELL_COMMAND" => "execute",
        "GREP" or "GLOB" or "LS" or "LIST" or "SEARCH_FILE_CONTENT" or "LIST_DIRECTORY" => "search",
        "WEBFETCH" or "WEBSEARCH" or "WEB_FETCH" or "GOOGLE_WEB_SEARCH" => "fetch",
        "TODOWRITE" or "TODOREAD" or "TASK" or "THINK" => "think",
        _ => "other",
    };
}

namespace Maestro.Server.Playbooks.Prompts;

/// <summary>What a prompt template is filled with for one task.</summary>
public sealed record PromptValues(string Playbook, string Document, string Task, int Line, string Section, string Context, int Loop);

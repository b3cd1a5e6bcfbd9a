// The start-a-run screen's rules, apart from the DOM: what it preselects (the playbook's own settings first), what it
// warns about (an agent whose shell commands the chosen mode refuses), and the playbooks/run request it sends.
import type { AgentInfo, PermissionMode, PlaybookInfo, PlaybookRunParams, RunBudget } from '../../../protocol/protocol';
import type { HostSettings } from '../bridge/messages';

/** Each permission mode in words, for a run that has nobody to ask. */
export const permissionModeHelp: Record<PermissionMode, { label: string; detail: string }> = {
  acceptEdits: {
    label: 'Accept edits',
    detail: 'Agents edit files without asking; anything else (shell commands, web requests) is refused, since nobody is there to ask.',
  },
  bypass: {
    label: 'Bypass (allow everything)',
    detail: 'Agents do everything without asking, shell commands included. For a worktree, a container or a repository you can reset.',
  },
  ask: {
    label: 'Ask',
    detail: 'Agents ask an attached editor before each action other than an edit; a request nobody answers is refused, never left hanging.',
  },
};

/** What the form shows and sends; numbers the user left empty are undefined. */
export interface RunStartChoice {
  playbook: string;
  agentId: string;
  permissionMode: PermissionMode;
  /** A new branch the run works on in a fresh worktree; empty for the playbook's folder. */
  worktree: string;
  loops?: number;
  budget: RunBudget;
}

/** Tasks done and in all, over every document. */
export function playbookProgress(playbook: PlaybookInfo): { done: number; total: number } {
  return {
    done: playbook.documents.reduce((n, d) => n + d.done, 0),
    total: playbook.documents.reduce((n, d) => n + d.total, 0),
  };
}

/**
 * The choice the form opens with: the playbook's own settings, then the editor's defaults, then the first installed
 * agent and acceptEdits (what the server would take).
 */
export function initialChoice(playbook: PlaybookInfo, agents: readonly AgentInfo[], settings: HostSettings = {}): RunStartChoice {
  const defaults = playbook.defaults ?? {};
  const installed = (id: string | undefined): string | undefined => (id && agents.some((a) => a.id === id && a.available) ? id : undefined);
  return {
    playbook: playbook.path,
    agentId: installed(defaults.agentId) ?? installed(settings.defaultAgent) ?? agents.find((a) => a.available)?.id ?? '',
    permissionMode: defaults.permissionMode ?? settings.defaultPermissionMode ?? 'acceptEdits',
    worktree: defaults.worktree ?? '',
    loops: defaults.loops,
    budget: { ...defaults.budget },
  };
}

/** Which preselection the mode came from, said next to the field. */
export function modeSource(playbook: PlaybookInfo, settings: HostSettings = {}): string {
  if (playbook.defaults?.permissionMode) return 'from the playbook’s settings';
  if (settings.defaultPermissionMode) return 'from the editor’s default';
  return 'the default';
}

/**
 * Why a task that needs a shell command would fail with this agent and mode, or nothing. In acceptEdits Claude Code
 * (print mode) and Gemini CLI refuse shell commands and ACP agents are refused everything but edits and reads;
 * Codex's acceptEdits is its workspace-write sandbox, where commands run.
 */
export function shellRefusalWarning(agent: AgentInfo | undefined, mode: PermissionMode): string | undefined {
  if (!agent || mode !== 'acceptEdits' || agent.id === 'codex') return undefined;
  return `${agent.name} runs shell commands (tests, builds, git) only when allowed: in Accept edits they are refused, and a task that needs one fails. Pick Bypass, ideally with a worktree, or allow the commands in the agent's own settings.`;
}

/**
 * A number field's value: undefined when empty, an error sentence when it is no number the server takes.
 * The server checks again (InvalidParams); this only saves a round trip.
 */
export function parseLimit(text: string, label: string, integer: boolean): number | undefined | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    return { error: `${label} must be ${integer ? 'a whole number' : 'a number'} above 0 (or empty).` };
  }
  return value;
}

/** The playbooks/run request for a choice: only what was set, so the server's own defaults apply to the rest. */
export function runParams(choice: RunStartChoice): PlaybookRunParams {
  const params: PlaybookRunParams = { path: choice.playbook, agentId: choice.agentId, permissionMode: choice.permissionMode };
  const branch = choice.worktree.trim();
  if (branch) params.worktree = { branch };
  if (choice.loops !== undefined) params.loops = choice.loops;
  const budget = Object.fromEntries(Object.entries(choice.budget).filter(([, v]) => v !== undefined)) as RunBudget;
  if (Object.keys(budget).length > 0) params.budget = budget;
  return params;
}

/**
 * The playbook a host named (a folder or a document the user right-clicked): that playbook, the one holding that
 * document, or the first one inside that folder.
 */
export function playbookFor(playbooks: readonly PlaybookInfo[], path: string | undefined): PlaybookInfo | undefined {
  if (!path) return undefined;
  const trimmed = path.replace(/[\\/]+$/, '');
  const inside = (child: string, folder: string): boolean => child.startsWith(`${folder}/`) || child.startsWith(`${folder}\\`);
  return (
    playbooks.find((p) => p.path === trimmed) ??
    playbooks.find((p) => p.documents.some((d) => d.path === trimmed)) ??
    playbooks.find((p) => inside(trimmed, p.path)) ??
    playbooks.find((p) => inside(p.path, trimmed))
  );
}

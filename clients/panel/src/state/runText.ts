// How a Playbook run reads wherever the panel shows it (the run cards, a run's page, the sessions list's run rows):
// one name, one progress figure, its start time and how long it ran.
import type { PlaybookRunParams, Run } from '../../../protocol/protocol';

/** The one name of the feature in the panel (tab, headings, empty state). */
export const runsName = 'Playbook runs';

/** The playbook's folder or file name, without `.md`. */
export function runTitle(run: Run): string {
  const parts = run.playbook.split(/[\\/]/).filter(Boolean);
  return (parts.at(-1) ?? run.playbook).replace(/\.(md|markdown)$/i, '');
}

/** The progress figure: tasks done of the pass's tasks, failed ones named, the loop when there are several. */
export function runProgress(run: Run): string {
  const failed = run.failed ? `, ${run.failed} failed` : '';
  const loop = run.loops > 1 ? ` · loop ${run.loop} of ${run.loops}` : '';
  return `${run.done} of ${run.total} tasks done${failed}${loop}`;
}

/** Whether the run may still do something (a waiting run waits for the provider or for a person). */
export function runIsActive(run: Run): boolean {
  return run.status === 'running' || run.status === 'waiting';
}

/** How long the run ran (until now while it is active), as `42s`, `3m 05s` or `2h 04m`. */
export function runDuration(run: Run, now: Date = new Date()): string {
  const end = run.endedAt && !runIsActive(run) ? Date.parse(run.endedAt) : now.getTime();
  return formatDuration(Math.max(0, end - Date.parse(run.startedAt)));
}

export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** When the run started: the time today, else the date and time (local). */
export function runStartedText(run: Run, now: Date = new Date()): string {
  const started = new Date(run.startedAt);
  const time = started.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return started.toDateString() === now.toDateString() ? time : `${started.toLocaleDateString()} ${time}`;
}

/** The run's state in words; a run at a gate waits for a person, not for the provider. */
export function runStatusText(run: Run): string {
  if (run.status !== 'waiting') return run.status;
  return run.gate ? 'needs approval' : 'waiting for the provider';
}

/**
 * Whether a failed run's card offers Retry with Bypass: only when its reason names tool calls the permission mode
 * refused, the rule of VS Code's RunEndNotices and Rider's RunNotices (the server writes "The acceptEdits permission
 * mode refused N tool call(s): …"). Another failure is not a permission matter, and bypass would not help.
 */
export function offersBypassRetry(run: Run): boolean {
  return (run.outcome === 'taskFailed' || run.outcome === 'agentUnavailable') && / permission mode refused /.test(run.reason ?? '');
}

/** What Retry with Bypass means, for the button's tooltip. */
export const bypassRetryHelp =
  'Runs the same playbook again with the same agent and folder in Bypass mode: agents do everything without asking, shell commands included (what was refused). Tasks already checked stay done. Use it where a mistake can be undone: a worktree, a container, a repository you can reset.';

/** The playbooks/run request of Retry with Bypass: the same playbook, agent, folder and host, with bypass. */
export function bypassRetryParams(run: Run): PlaybookRunParams {
  const params: PlaybookRunParams = { path: run.playbook, agentId: run.agentId, permissionMode: 'bypass' };
  if (run.cwd) params.cwd = run.cwd;
  if (run.host) params.host = run.host;
  return params;
}

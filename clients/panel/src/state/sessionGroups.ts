// How the Sessions tab arranges the list: sessions grouped by the repository folder they work in (newest group first),
// a Playbook run's task sessions nested under one row for the run instead of flooding the top level, and the
// filter the toolbar holds (text, hide closed, show archived). Pure: the list view renders what this returns.
import type { Run, Session } from '../../../protocol/protocol';
import { baseName } from '../views/format';

export interface SessionFilter {
  /** Matched, case-insensitively, against the name, agent, branch and folder. */
  text: string;
  hideClosed: boolean;
  showArchived: boolean;
}

export const noFilter: SessionFilter = { text: '', hideClosed: false, showArchived: false };

export type SessionEntry = { kind: 'session'; session: Session; nested: boolean } | { kind: 'run'; run: Run; sessions: number };

export interface SessionGroup {
  /** The host and folder the group's sessions work in. */
  key: string;
  label: string;
  /** The folder (a path on `host` when set). */
  folder: string;
  /** The host (hosts/add) the group's sessions run on; absent for this machine. */
  host?: string;
  /** A folder outside the host's workspace folders: listed after them, under "Other repositories". */
  other: boolean;
  entries: SessionEntry[];
}

export interface ArrangeOptions {
  /** The editor's workspace folders: their groups come first, other repositories' apart after them. */
  workspaceFolders?: readonly string[];
}

export interface ArrangedSessions {
  groups: SessionGroup[];
  /** Sessions left out by the filter (so the empty state can say "3 hidden by the filter"). */
  hidden: number;
}

export function matches(session: Session, filter: SessionFilter): boolean {
  if (session.archived && !filter.showArchived) return false;
  if (filter.hideClosed && session.status === 'closed') return false;
  const text = filter.text.trim().toLowerCase();
  if (!text) return true;
  return [session.name, session.agentId, session.branch ?? '', baseName(session.worktree ?? session.cwd), session.id].some((field) => field.toLowerCase().includes(text));
}

/** `sessions` newest first (as the store lists them); `runs` to nest their task sessions. */
export function arrangeSessions(sessions: readonly Session[], runs: Iterable<Run>, filter: SessionFilter, options: ArrangeOptions = {}): ArrangedSessions {
  const folders = (options.workspaceFolders ?? []).map(normalize);
  const inWorkspace = (session: Session): boolean =>
    session.host === undefined && (folders.length === 0 || folders.some((f) => normalize(session.cwd) === f || normalize(session.cwd).startsWith(`${f}/`)));
  const runOf = new Map<string, Run>();
  for (const run of runs) for (const id of run.sessionIds) runOf.set(id, run);
  const shown = sessions.filter((s) => matches(s, filter));
  const groups = new Map<string, SessionGroup>();
  const placedRuns = new Set<string>();
  for (const session of shown) {
    const key = session.host ? `${session.host}:${session.cwd}` : session.cwd;
    let group = groups.get(key);
    if (!group) {
      group = { key, label: baseName(session.cwd), folder: session.cwd, host: session.host, other: !inWorkspace(session), entries: [] };
      groups.set(key, group);
    }
    const run = runOf.get(session.id);
    if (!run) {
      group.entries.push({ kind: 'session', session, nested: false });
      continue;
    }
    if (placedRuns.has(run.id)) continue;
    // The run's row stands where its newest task session would, with every shown task session under it.
    placedRuns.add(run.id);
    const tasks = shown.filter((s) => runOf.get(s.id)?.id === run.id);
    group.entries.push({ kind: 'run', run, sessions: tasks.length });
    for (const task of tasks) group.entries.push({ kind: 'session', session: task, nested: true });
  }
  // This machine's workspace repositories first, then each host's, then the other repositories (stable: newest first within).
  const rank = (g: SessionGroup): number => (g.host ? 1 : g.other ? 2 : 0);
  const ordered = [...groups.values()].sort((a, b) => rank(a) - rank(b));
  return { groups: ordered, hidden: sessions.length - shown.length };
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  if (days < 7) return days === 1 ? 'yesterday' : `${days} days ago`;
  return new Date(iso).toLocaleDateString();
}

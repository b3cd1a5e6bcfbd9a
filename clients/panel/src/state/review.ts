// The Review tab's inbox: every session's pending agent hunks (review/changes against each turn's own baseline, so
// the user's edits are never here), the decisions this panel made (each undoable), and what became of each file a
// transcript shows changing: the server's `decided` (whichever client decided, kept across reloads), with this panel's
// own decisions shown at once until the server's next answer has them. Fed by actions.ts; read by the review view and
// the transcript's file-change rows.
import type { ReviewChangesResult, ReviewFile, ReviewHunk } from '../../../protocol/protocol';

/** One pending agent file of one session turn, with the folder its review was read from (the cwd for decisions). */
export interface PendingFile {
  cwd: string;
  file: ReviewFile;
}

/** One session's share of the inbox. */
export interface SessionGroup {
  sessionId: string;
  name: string;
  agentId: string;
  files: PendingFile[];
  hunks: number;
}

/** A decision this panel made, kept so it can be undone. */
export interface Decision {
  decisionId: string;
  cwd: string;
  kind: 'accept' | 'reject';
  /** For people: "2 hunks of Claude Code 1 in src/a.ts". */
  label: string;
  /** The (session, path) pairs it covered, for the transcript's kept/rejected marks until the server's answer has them. */
  targets: { sessionId: string; path: string }[];
  undone: boolean;
}

/** A reject the server refused because the user edited the agent's lines (MixedHunk): asks before losing them. */
export interface MixedQuestion {
  cwd: string;
  selection: { hunkIds?: string[]; paths?: string[]; sessionId?: string };
  /** The server's message, naming the file, line and text that would be lost. */
  message: string;
  label: string;
  targets: { sessionId: string; path: string }[];
}

export type ReviewOutcome = 'pending' | 'kept' | 'rejected';

export class ReviewInbox {
  /** The last answer per folder read (the sessions' folders). */
  readonly folders = new Map<string, ReviewChangesResult>();
  readonly decisions: Decision[] = [];
  question: MixedQuestion | undefined;
  /** Bumped on every change, so views can tell whether to redraw. */
  revision = 0;
  /**
   * What this panel decided or undid, by session and path, shown before the server says so: `outcome` undefined is an
   * undo (the server's entry for `decisionId` no longer stands). `epoch` orders them against reads of the review.
   */
  private readonly local = new Map<string, { cwd: string; epoch: number; decisionId: string; outcome: 'kept' | 'rejected' | undefined }>();
  private decisionEpoch = 0;

  /** How many decisions and undos this panel has made: a read of the review started now answers for all of them. */
  get epoch(): number {
    return this.decisionEpoch;
  }

  /**
   * The server's answer for a folder. `asOf` is the epoch when the request was sent: this panel's decisions up to then
   * are in the answer's `decided` (a server that sends none leaves them shown as they are).
   */
  setFolder(cwd: string, result: ReviewChangesResult, asOf = Number.POSITIVE_INFINITY): void {
    this.folders.set(cwd, result);
    if (result.decided) {
      for (const [key, entry] of this.local) if (entry.cwd === cwd && entry.epoch <= asOf) this.local.delete(key);
    }
    this.revision++;
  }

  /** Pending files grouped by session (a repository read through two folders is listed once). */
  groups(): SessionGroup[] {
    const seen = new Set<string>();
    const groups = new Map<string, SessionGroup>();
    for (const [cwd, result] of this.folders) {
      for (const file of result.files) {
        const key = `${file.sessionId}\0${file.turnId}\0${file.path}\0${file.hunks[0]?.id ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const sessionId = file.sessionId ?? '';
        let group = groups.get(sessionId);
        if (!group) {
          group = { sessionId, name: file.sessionName ?? sessionId, agentId: file.agentId ?? '', files: [], hunks: 0 };
          groups.set(sessionId, group);
        }
        group.files.push({ cwd, file });
        group.hunks += Math.max(1, file.hunks.length);
      }
    }
    return [...groups.values()];
  }

  get pendingHunks(): number {
    return this.groups().reduce((n, g) => n + g.hunks, 0);
  }

  /**
   * What became of a file a session's transcript shows changing: pending while any of its agent hunks wait, else kept
   * or rejected as the latest decision that stands says (made in this panel, another client or the CLI); undefined
   * when it was never decided (or the decision was undone).
   */
  outcome(sessionId: string, path: string): ReviewOutcome | undefined {
    for (const result of this.folders.values()) {
      if (result.files.some((f) => f.sessionId === sessionId && samePath(path, f.path))) return 'pending';
    }
    let undone: string | undefined;
    for (const [key, entry] of this.local) {
      const [session, file] = key.split('\0') as [string, string];
      if (session !== sessionId || !samePath(path, file)) continue;
      if (entry.outcome) return entry.outcome;
      undone = entry.decisionId;
    }
    for (const result of this.folders.values()) {
      const decided = result.decided?.find((d) => d.sessionId === sessionId && samePath(path, d.path) && d.decisionId !== undone);
      if (decided) return decided.outcome;
    }
    return undefined;
  }

  /** Lines added and removed in `path` by one turn of a session (its pending hunks); undefined when none wait. */
  diffStat(sessionId: string, turnId: string | undefined, path: string): { added: number; removed: number } | undefined {
    let stat: { added: number; removed: number } | undefined;
    const seen = new Set<string>();
    for (const result of this.folders.values()) {
      for (const file of result.files) {
        if (file.sessionId !== sessionId || (turnId && file.turnId && file.turnId !== turnId) || !samePath(path, file.path)) continue;
        for (const hunk of file.hunks) {
          if (seen.has(hunk.id)) continue;
          seen.add(hunk.id);
          stat ??= { added: 0, removed: 0 };
          for (const line of hunk.lines) {
            if (line.startsWith('+')) stat.added++;
            else if (line.startsWith('-')) stat.removed++;
          }
        }
      }
    }
    return stat;
  }

  addDecision(decision: Decision): void {
    this.decisions.push(decision);
    const epoch = ++this.decisionEpoch;
    const outcome = decision.kind === 'accept' ? 'kept' : 'rejected';
    for (const t of decision.targets) this.local.set(`${t.sessionId}\0${t.path}`, { cwd: decision.cwd, epoch, decisionId: decision.decisionId, outcome });
    this.revision++;
  }

  markUndone(decisionId: string): void {
    const decision = this.decisions.find((d) => d.decisionId === decisionId);
    if (!decision) return;
    decision.undone = true;
    const epoch = ++this.decisionEpoch;
    for (const t of decision.targets) this.local.set(`${t.sessionId}\0${t.path}`, { cwd: decision.cwd, epoch, decisionId, outcome: undefined });
    this.revision++;
  }

  /** The decisions that can still be undone, newest first. */
  undoable(): Decision[] {
    return this.decisions.filter((d) => !d.undone).reverse();
  }

  ask(question: MixedQuestion | undefined): void {
    this.question = question;
    this.revision++;
  }
}

/** A transcript path (often absolute) and a review path (repository-relative) name the same file. */
export function samePath(transcriptPath: string, reviewPath: string): boolean {
  return transcriptPath === reviewPath || transcriptPath.endsWith(`/${reviewPath}`) || transcriptPath.endsWith(`\\${reviewPath.replace(/\//g, '\\')}`);
}

/** The hunk's own lines for a compact view: its changes and at most one context line either side. */
export function hunkPreview(hunk: ReviewHunk, max = 12): string[] {
  const lines = hunk.lines.filter((l) => !l.startsWith('\\'));
  return lines.length <= max ? lines : [...lines.slice(0, max), `… ${lines.length - max} more ${lines.length - max === 1 ? 'line' : 'lines'}`];
}

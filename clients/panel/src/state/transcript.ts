// One session's transcript: applies stored events strictly in seq order, drops duplicates, keeps events that
// arrive ahead of a gap until the gap is filled (from sessions/history), and folds events into rows.
import type { FileChangeKind, OutageEvent, SessionEvent, SessionEventNotification } from '../../../protocol/protocol';
import type { MessageRow, OutageRow, ToolCallRow, TranscriptRow } from './rows';

export type ApplyOutcome = 'applied' | 'duplicate' | 'gap';

export class Transcript {
  readonly rows: TranscriptRow[] = [];
  /** The seq of the last event applied; events are contiguous up to here. */
  lastSeq = 0;
  /** Bumped on every change, so views can tell whether to render. */
  revision = 0;
  private readonly ahead = new Map<number, SessionEventNotification>();
  private readonly toolCallRows = new Map<string, ToolCallRow>();
  private readonly outageRows = new Map<string, OutageRow>();
  /** Open streaming message per role ("assistant", "thought"): deltas append, the final message replaces. */
  private readonly streaming = new Map<string, MessageRow>();
  /** The files the current turn changed, in first-change order (a file changed twice is listed once, with its last kind). */
  private turnFiles = new Map<string, FileChangeKind>();
  /** The current turn's tool calls, for the changed files' line counts when review has none. */
  private turnTools: ToolCallRow[] = [];
  private turnId: string | undefined;

  constructor(readonly sessionId: string) {}

  /** Events received beyond a gap, waiting for the missing ones. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  apply(notification: SessionEventNotification): ApplyOutcome {
    const seq = notification.seq;
    // An outage is one event revised in place: a later version comes again under the seq of the first.
    const event = notification.event;
    if (event.type === 'outage' && seq <= this.lastSeq) {
      const known = this.outageRows.get(event.outageId);
      if (!known) return 'duplicate';
      Object.assign(known, outageFields(event));
      known.version++;
      this.revision++;
      return 'applied';
    }
    if (seq <= this.lastSeq || this.ahead.has(seq)) return 'duplicate';
    if (seq !== this.lastSeq + 1) {
      this.ahead.set(seq, notification);
      return 'gap';
    }
    this.applyInOrder(notification);
    for (let next = this.ahead.get(this.lastSeq + 1); next; next = this.ahead.get(this.lastSeq + 1)) {
      this.ahead.delete(next.seq);
      this.applyInOrder(next);
    }
    return this.hasGap ? 'gap' : 'applied';
  }

  private applyInOrder(notification: SessionEventNotification): void {
    this.lastSeq = notification.seq;
    this.revision++;
    this.fold(notification.seq, notification.time, notification.event);
  }

  private fold(seq: number, time: string, event: SessionEvent): void {
    const base = { key: seq, time, version: 0 };
    switch (event.type) {
      case 'prompt':
        this.streaming.clear();
        this.turnFiles = new Map();
        this.turnTools = [];
        this.turnId = event.turnId;
        return this.push({ ...base, kind: 'prompt', text: event.text, turnId: event.turnId });
      case 'messageDelta': {
        const open = this.streaming.get(event.role);
        if (open) {
          open.text += event.text;
          open.version++;
          return;
        }
        const row: MessageRow = { ...base, kind: 'message', role: event.role, text: event.text, streaming: true };
        this.streaming.set(event.role, row);
        return this.push(row);
      }
      case 'message': {
        const open = this.streaming.get(event.role);
        if (open) {
          this.streaming.delete(event.role);
          Object.assign(open, { text: event.text, html: event.html, streaming: false });
          open.version++;
          return;
        }
        const last = this.rows.at(-1);
        if (event.role === 'notice' && last?.kind === 'message' && last.role === 'notice' && sameNotice(last.text, event.text)) {
          Object.assign(last, { text: event.text, html: event.html, repeats: (last.repeats ?? 1) + 1 });
          last.version++;
          return;
        }
        return this.push({ ...base, kind: 'message', role: event.role, text: event.text, html: event.html, streaming: false });
      }
      case 'toolCall': {
        const known = this.toolCallRows.get(event.toolCallId);
        if (known) {
          // Agents re-announce a call with a better title or input: update it in place.
          Object.assign(known, { title: event.title, toolKind: event.kind, input: event.input ?? known.input, status: event.status });
          known.version++;
          return;
        }
        const row: ToolCallRow = {
          ...base, kind: 'toolCall', toolCallId: event.toolCallId, toolKind: event.kind, title: event.title, input: event.input, status: event.status,
        };
        this.toolCallRows.set(event.toolCallId, row);
        this.turnTools.push(row);
        return this.push(row);
      }
      case 'toolCallUpdate': {
        let row = this.toolCallRows.get(event.toolCallId);
        if (!row) {
          // An update whose call we never saw (e.g. an agent that only reports results): show it on its own.
          row = { ...base, kind: 'toolCall', toolCallId: event.toolCallId, toolKind: 'other', title: event.toolCallId, status: event.status };
          this.toolCallRows.set(event.toolCallId, row);
          this.push(row);
        }
        row.status = event.status;
        if (event.output !== undefined) row.output = row.output ? `${row.output}\n${event.output}` : event.output;
        row.version++;
        return;
      }
      case 'fileChange':
        this.turnFiles.delete(event.path);
        this.turnFiles.set(event.path, event.change);
        return this.push({ ...base, kind: 'fileChange', path: event.path, change: event.change });
      case 'plan':
        return this.push({ ...base, kind: 'plan', entries: event.entries });
      case 'permissionRequest': {
        // Agents often announce a call bare ("Write") and put what it touches only in the permission request: the
        // tool row borrows it, so its one line says "Write greeting.txt" too.
        const call = this.toolCallRows.get(event.toolCall.id);
        if (call && call.input === undefined && event.toolCall.input !== undefined) {
          call.input = event.toolCall.input;
          call.version++;
        }
        return this.push({ ...base, kind: 'permission', toolCall: event.toolCall, options: event.options, chosenOptionId: event.chosenOptionId });
      }
      case 'usage':
        return this.push({ ...base, kind: 'usage', usage: event.usage });
      case 'status':
        if (event.status === 'waiting' || event.status === 'retrying') return this.push({ ...base, kind: 'status', status: event.status, stopReason: event.stopReason });
        if (event.status === 'running') return this.push({ ...base, kind: 'status', status: event.status, stopReason: event.stopReason });
        this.closeStreaming();
        this.push({ ...base, kind: 'status', status: event.status, stopReason: event.stopReason });
        if (this.turnFiles.size > 0) {
          // Keyed apart from the status row it follows (same event): half a seq on.
          this.push({ ...base, key: seq + 0.5, kind: 'turnFiles', turnId: event.turnId ?? this.turnId, files: [...this.turnFiles].map(([path, change]) => ({ path, change, estimate: estimateLines(this.turnTools, path) })) });
          this.turnFiles = new Map();
        }
        return;
      case 'error':
        return this.push({ ...base, kind: 'error', message: event.message, detail: event.detail });
      case 'outage': {
        const row: OutageRow = { ...base, kind: 'outage', outageId: event.outageId, ...outageFields(event) };
        this.outageRows.set(event.outageId, row);
        return this.push(row);
      }
      default:
        // A newer server may send event types this panel does not know: show them rather than drop them.
        return this.push({ ...base, kind: 'error', message: `Unknown event type "${(event as { type: string }).type}"` });
    }
  }

  /** A turn ended: whatever streamed without a final message stays as plain text. */
  private closeStreaming(): void {
    for (const row of this.streaming.values()) {
      row.streaming = false;
      row.version++;
    }
    this.streaming.clear();
  }

  private push(row: TranscriptRow): void {
    this.rows.push(row);
  }
}

/**
 * Lines a turn's successful edits of `path` added and removed, read from the tools' inputs (Claude Code's Write
 * content, Edit and MultiEdit strings): a fallback for the changed-files list once review no longer holds the hunks.
 * Undefined when no input says.
 */
export function estimateLines(tools: readonly ToolCallRow[], path: string): { added: number; removed: number } | undefined {
  let stat: { added: number; removed: number } | undefined;
  const count = (text: unknown) => (typeof text === 'string' && text ? text.replace(/\n$/, '').split('\n').length : 0);
  for (const tool of tools) {
    if (tool.status !== 'completed' || !tool.input || typeof tool.input !== 'object') continue;
    const input = tool.input as Record<string, unknown>;
    const target = typeof input.file_path === 'string' ? input.file_path : undefined;
    if (!target || !(target === path || target.endsWith(`/${path}`) || path.endsWith(`/${target}`))) continue;
    const edits = Array.isArray(input.edits) ? (input.edits as Record<string, unknown>[]) : [input];
    for (const edit of edits) {
      if (edit.content !== undefined) (stat ??= { added: 0, removed: 0 }).added += count(edit.content);
      if (edit.old_string !== undefined || edit.new_string !== undefined) {
        stat ??= { added: 0, removed: 0 };
        stat.removed += count(edit.old_string);
        stat.added += count(edit.new_string);
      }
    }
  }
  return stat;
}

/** "Reconnecting… 2/5" and "Reconnecting… 3/5" are one notice: the same text once the numbers are left out. */
function sameNotice(a: string, b: string): boolean {
  const shape = (text: string) => text.replace(/\d+/g, '#').trim();
  return shape(a) === shape(b);
}

function outageFields(event: OutageEvent) {
  return {
    outageClass: event.class, state: event.state, attempts: event.attempts, since: event.since,
    nextAt: event.nextAt, resetAt: event.resetAt, reason: event.reason, stoppedBecause: event.stoppedBecause,
  };
}

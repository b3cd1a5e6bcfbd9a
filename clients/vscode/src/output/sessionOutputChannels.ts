import * as vscode from 'vscode';
import { Methods, type SessionChangedNotification, type SessionOutputAppendedNotification, type SessionOutputLine, type SessionOutputResult } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import type { Subscription } from '../util/emitter';

/** One session's channel and the last line written to it (seq and time: a reconnect tells the same server from a new one). */
interface Entry {
  readonly sessionId: string;
  readonly channel: vscode.OutputChannel;
  lastSeq: number;
  lastAt?: string;
  /** While sessions/output is being read, live lines wait here (the answer and the notifications may cross). */
  loading: boolean;
  held: SessionOutputLine[];
}

/**
 * A session's agent output in an output channel of its own, "Maestro: <session name>": what the server kept of the
 * agent's stderr (`sessions/output`), then each `sessions/outputAppended` as it comes, for as long as the channel
 * exists (until the session is deleted or the window closes). The global "Maestro" channel stays the
 * extension's and the server's own log.
 */
export class SessionOutputChannels implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscriptions: Subscription[];
  private ready: boolean;

  constructor(private readonly server: RpcClient, private readonly sessionName: (sessionId: string) => string | undefined) {
    this.ready = server.state === 'ready';
    this.subscriptions = [
      server.onNotification(({ method, params }) => {
        if (method === Methods.SessionsOutputAppended) this.appended(params as SessionOutputAppendedNotification);
        else if (method === Methods.SessionsChanged) this.changed(params as SessionChangedNotification);
      }),
      server.onDidChangeState(({ state }) => {
        const back = state === 'ready' && !this.ready;
        this.ready = state === 'ready';
        // The server may be a new one (its output starts again at seq 1) or the same daemon reached again.
        if (back) for (const entry of this.entries.values()) void this.resync(entry);
      }),
    ];
  }

  /** Shows the session's channel, made and filled on first use. */
  show(sessionId: string): void {
    let entry = this.entries.get(sessionId);
    if (!entry) {
      const name = this.sessionName(sessionId) ?? sessionId;
      entry = { sessionId, channel: vscode.window.createOutputChannel(`Maestro: ${name}`), lastSeq: 0, loading: false, held: [] };
      this.entries.set(sessionId, entry);
      void this.fill(entry);
    }
    entry.channel.show(true);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const entry of this.entries.values()) entry.channel.dispose();
    this.entries.clear();
  }

  private appended(notification: SessionOutputAppendedNotification): void {
    const entry = this.entries.get(notification.sessionId);
    if (!entry) return;
    if (entry.loading) {
      entry.held.push(...notification.lines);
      return;
    }
    const first = notification.lines[0];
    if (first && first.seq > entry.lastSeq + 1) {
      // Lines went missing between two batches (a reconnect): read them, the batch is held meanwhile.
      entry.held.push(...notification.lines);
      void this.fill(entry);
      return;
    }
    this.write(entry, notification.lines);
  }

  private changed(notification: SessionChangedNotification): void {
    if (!notification.deleted) return;
    const entry = this.entries.get(notification.session.id);
    if (!entry) return;
    entry.channel.dispose();
    this.entries.delete(entry.sessionId);
  }

  /** Reads what the server kept after the last line written, then writes what was held meanwhile. */
  private async fill(entry: Entry): Promise<void> {
    if (entry.loading) return;
    entry.loading = true;
    try {
      const result = await this.read(entry, entry.lastSeq);
      if (result.truncated) {
        entry.channel.appendLine(entry.lastSeq === 0
          ? "(earlier lines are not shown: the server keeps each session's latest 2,000 lines)"
          : '(some lines are missing here: the server keeps only the latest ones)');
      }
      if (entry.lastSeq === 0 && result.lines.length === 0 && !result.truncated) {
        entry.channel.appendLine("(the agent has written nothing to stderr yet in this server's run; new lines appear here)");
      }
      this.write(entry, result.lines);
    } catch (error) {
      entry.channel.appendLine(`(could not read the session's output: ${error instanceof Error ? error.message : String(error)})`);
    } finally {
      entry.loading = false;
      const held = entry.held.splice(0);
      this.write(entry, held);
    }
  }

  /**
   * After the connection came back: the same server still has the last line written (same seq, same time) and the
   * channel goes on; otherwise the server restarted (output starts again at 1) or dropped lines, and its kept
   * lines follow a note.
   */
  private async resync(entry: Entry): Promise<void> {
    if (entry.loading || entry.lastSeq === 0) return this.fill(entry);
    entry.loading = true;
    try {
      const result = await this.read(entry, entry.lastSeq - 1);
      const same = result.lines[0]?.seq === entry.lastSeq && result.lines[0]?.at === entry.lastAt;
      if (!same) {
        entry.channel.appendLine('(reconnected to the server: its output from here)');
        entry.lastSeq = 0;
        entry.held.length = 0;
      }
      this.write(entry, same ? result.lines : (await this.read(entry, 0)).lines);
    } catch (error) {
      entry.channel.appendLine(`(could not read the session's output: ${error instanceof Error ? error.message : String(error)})`);
    } finally {
      entry.loading = false;
      this.write(entry, entry.held.splice(0));
    }
  }

  private read(entry: Entry, afterSeq: number): Promise<SessionOutputResult> {
    return this.server.request<SessionOutputResult>(Methods.SessionsOutput, afterSeq > 0 ? { sessionId: entry.sessionId, afterSeq } : { sessionId: entry.sessionId });
  }

  /** Writes the lines not written yet, in seq order. */
  private write(entry: Entry, lines: SessionOutputLine[]): void {
    for (const line of [...lines].sort((a, b) => a.seq - b.seq)) {
      if (line.seq <= entry.lastSeq) continue;
      entry.channel.appendLine(`${formatTime(line.at)} ${line.text}`);
      entry.lastSeq = line.seq;
      entry.lastAt = line.at;
    }
  }
}

/** The time as VS Code's log channels print it (local, to the millisecond). */
export function formatTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

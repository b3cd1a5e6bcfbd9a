import { Methods, type Run, type RunProgressNotification, type RunsListResult, type Session, type SessionChangedNotification, type SessionListResult } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { Emitter, type Subscription } from '../util/emitter';

/**
 * Knows the sessions and runs of the server, for the status bar and the commands' quick picks: a full list when the
 * server becomes ready, then `sessions/changed` and `runs/progress` keep it current.
 */
export class ActivityTracker {
  readonly sessions = new Map<string, Session>();
  readonly runs = new Map<string, Run>();
  private readonly changed = new Emitter<void>();
  private readonly subscriptions: Subscription[];
  /** Set once the first full refresh after a (re)start is done: the panel's start-up figure waits for it. */
  loaded = false;

  readonly onDidChange = this.changed.event;

  constructor(private readonly server: RpcClient) {
    this.subscriptions = [
      server.onDidChangeState(({ state }) => {
        if (state === 'ready') void this.refresh();
        else this.loaded = false;
      }),
      server.onNotification(({ method, params }) => {
        if (method === Methods.SessionsChanged) this.upsertSession(params as SessionChangedNotification);
        else if (method === Methods.RunsProgress) this.upsertRun((params as RunProgressNotification).run);
      }),
    ];
  }

  async refresh(): Promise<void> {
    try {
      const [sessions, runs] = await Promise.all([
        this.server.request<SessionListResult>(Methods.SessionsList, {}),
        this.server.request<RunsListResult>(Methods.RunsList, {}).catch(() => ({ runs: [] }) as RunsListResult),
      ]);
      this.sessions.clear();
      for (const session of sessions.sessions) this.sessions.set(session.id, session);
      this.runs.clear();
      for (const run of runs.runs) this.runs.set(run.id, run);
      this.loaded = true;
      this.changed.fire();
    } catch {
      // The server went away mid-refresh; the next `ready` refreshes again.
    }
  }

  /** Sessions a user can still talk to, newest first. */
  openSessions(): Session[] {
    return [...this.sessions.values()]
      .filter((s) => s.status !== 'closed')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  runningRuns(): Run[] {
    return [...this.runs.values()].filter((r) => r.status === 'running' || r.status === 'waiting');
  }

  private upsertSession({ session, deleted }: SessionChangedNotification): void {
    if (deleted) this.sessions.delete(session.id);
    else this.sessions.set(session.id, session);
    this.changed.fire();
  }

  private upsertRun(run: Run): void {
    this.runs.set(run.id, run);
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

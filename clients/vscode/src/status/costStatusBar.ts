import * as vscode from 'vscode';
import { Methods, type RunProgressNotification, type SessionChangedNotification, type StatsResult } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { isNotAvailable } from '../util/rpcError';
import { costText } from './costText';

/**
 * Today's agent cost in the status bar, from stats/get since the local midnight. Not polled: read again when the
 * server is ready, when a session's usage moves (sessions/changed at a turn's end), when a run finishes, on a
 * budget warning, and at midnight. A server without stats (-32601) hides the item.
 */
export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('maestro.cost', vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: { dispose(): void }[];
  /** Each session's usage and status as last seen, to tell a turn's end from other changes. */
  private readonly seen = new Map<string, { usage: string; busy: boolean }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private midnight: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly server: RpcClient, private readonly options: { debounceMs?: number; now?: () => Date } = {}) {
    this.item.name = 'Maestro Cost';
    this.item.command = 'maestro.showStats';
    this.subscriptions = [
      server.onDidChangeState(({ state }) => {
        if (state === 'ready') this.schedule(0);
      }),
      server.onNotification(({ method, params }) => {
        if (method === Methods.SessionsChanged && this.usageMoved(params as SessionChangedNotification)) this.schedule();
        else if (method === Methods.RunsProgress && (params as RunProgressNotification).event === 'finished') this.schedule();
        else if (method === Methods.StatsBudgetWarning) this.schedule(0);
      }),
    ];
    if (server.state === 'ready') this.schedule(0);
  }

  /** Reads today's stats now and shows them. */
  async refresh(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    try {
      const today = await this.server.request<StatsResult>(Methods.StatsGet, { since: midnight.toISOString() });
      if (this.disposed) return;
      const cost = costText(today);
      this.item.text = cost.text;
      this.item.tooltip = cost.tooltip;
      this.item.accessibilityInformation = { label: cost.label, role: 'button' };
      this.item.backgroundColor = cost.state === 'spent' ? new vscode.ThemeColor('statusBarItem.errorBackground') : cost.state === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
    } catch (error) {
      // No stats in this server: nothing to show. Any other failure keeps the last figure until the next event.
      if (isNotAvailable(error)) this.item.hide();
    }
    this.armMidnight(now);
  }

  /**
   * Whether a turn ended: the session left a busy status, or its usage moved while it was not busy. The usage moves
   * during a turn too, before the server has stored the turn: reading then would miss it.
   */
  private usageMoved(change: SessionChangedNotification): boolean {
    const { id, status, usage } = change.session;
    const now = { usage: JSON.stringify(usage), busy: status === 'running' || status === 'waiting' || status === 'retrying' };
    const before = this.seen.get(id);
    this.seen.set(id, now);
    if (now.busy) return false;
    return before === undefined ? usage.costUsd > 0 || usage.outputTokens > 0 : before.busy || before.usage !== now.usage;
  }

  /** Several sessions ending together make one read. */
  private schedule(delayMs = this.options.debounceMs ?? 1000): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** A new day starts at zero: read again just after the local midnight. */
  private armMidnight(now: Date): void {
    clearTimeout(this.midnight);
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
    this.midnight = setTimeout(() => void this.refresh(), next.getTime() - now.getTime());
    this.midnight.unref?.();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.midnight);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

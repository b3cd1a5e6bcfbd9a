import * as vscode from 'vscode';
import { Methods, type BudgetWarningNotification } from '../protocol';
import type { RpcClient } from '../server/rpcClient';

/**
 * stats/budgetWarning as an editor message, once per limit, period and threshold in this window (a reconnect or a
 * second server start does not repeat it). The 100 % one is an error: new turns and runs are refused.
 */
export class BudgetWarnings implements vscode.Disposable {
  private readonly shown = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(server: RpcClient, private readonly showStats: () => unknown) {
    this.subscription = server.onNotification(({ method, params }) => {
      if (method === Methods.StatsBudgetWarning) this.show(params as BudgetWarningNotification);
    });
  }

  private show(warning: BudgetWarningNotification): void {
    const now = new Date();
    const period = warning.period === 'day' ? now.toDateString() : `${now.getFullYear()}-${now.getMonth()}`;
    const key = `${warning.period}|${period}|${warning.agentId ?? ''}|${warning.limitUsd}|${warning.percent}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    const show = warning.percent >= 100 ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(`Maestro: ${warning.message}`, 'Show Stats').then((answer) => {
      if (answer === 'Show Stats') this.showStats();
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

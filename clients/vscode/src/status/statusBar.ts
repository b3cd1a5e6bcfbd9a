import * as vscode from 'vscode';
import type { MaestroServer } from '../server/maestroServer';
import type { ActivityTracker } from './activityTracker';
import { statusText } from './statusText';

/** The status bar item: running agents and Playbook runs; a click focuses the Maestro view. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('maestro.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly server: MaestroServer, private readonly tracker: ActivityTracker) {
    this.item.name = 'Maestro';
    this.item.command = 'maestro.focus';
    this.subscriptions = [server.onDidChangeState(() => this.render()), tracker.onDidChange(() => this.render())];
    this.render();
    this.item.show();
  }

  render(): void {
    const connected = { info: this.server.initializeResult?.serverInfo, path: this.server.serverPath };
    const status = statusText(this.server.state, this.server.stateMessage, this.tracker.sessions.values(), this.tracker.runs.values(), connected);
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.accessibilityInformation = { label: status.label, role: 'button' };
    this.item.backgroundColor = status.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

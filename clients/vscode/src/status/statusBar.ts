import * as vscode from 'vscode';
import type { MaestroServer } from '../server/maestroServer';
import type { ActivityTracker } from './activityTracker';
import { statusText } from './statusText';

/** Sessions waiting for the user's answer to a permission request (PermissionBroker), and when that changes. */
export interface WaitingSessions {
  waitingSessionIds(): ReadonlySet<string>;
  onDidChangePending(listener: () => void): { dispose(): void };
}

/**
 * The status bar item: running agents, agents waiting for the user (apart, with the warning colour) and Playbook
 * runs; a click opens the Maestro view.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('maestro.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly server: MaestroServer, private readonly tracker: ActivityTracker, private readonly waiting?: WaitingSessions) {
    this.item.name = 'Maestro';
    this.item.command = 'maestro.focus';
    this.subscriptions = [server.onDidChangeState(() => this.render()), tracker.onDidChange(() => this.render())];
    if (waiting) this.subscriptions.push(waiting.onDidChangePending(() => this.render()));
    this.render();
    this.item.show();
  }

  render(): void {
    const connected = { info: this.server.initializeResult?.serverInfo, path: this.server.serverPath };
    const status = statusText(this.server.state, this.server.stateMessage, this.tracker.sessions.values(), this.tracker.runs.values(), connected, this.waiting?.waitingSessionIds());
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

import * as vscode from 'vscode';
import type { LiveNotice, LiveNotices, NoticeAction } from '../status/liveNotices';
import type { ServerStateChange } from './rpcClient';

/** What ServerNotices watches and drives. */
export interface NoticedServer {
  onDidChangeState(listener: (change: ServerStateChange) => void): { dispose(): void };
  restart(): Promise<void>;
}

export const openSettingsAction = 'Open Settings';
export const showOutputAction = 'Show Output';
export const restartAction = 'Restart';

/**
 * The actions an error about the server offers: the one that fixes it first. A failure a setting causes (a bad
 * `maestro.serverPath`) opens that setting; restarting would only fail again until it is fixed.
 */
export function serverErrorActions(change: ServerStateChange): string[] {
  return change.setting ? [openSettingsAction, showOutputAction] : [showOutputAction, restartAction];
}

/**
 * Says when the server is in trouble, once per incident; the status bar shows the state all along. A stop is a
 * notice with the action that fixes it, live (LiveNotices): it goes by itself once the server is ready again (fixed
 * setting, Restart, a command that started it). A crash being restarted is transient and lives in the status bar only
 * (NoticePolicy: 'serverRestarting'), where its tooltip says when it restarts.
 */
export class ServerNotices implements vscode.Disposable {
  /**
   * Stop notices on screen, by message. A command run from a cold window activates the extension (whose start fails)
   * and then starts the server again (ensureServer): the same failure twice, shown once.
   */
  private readonly open = new Map<string, LiveNotice>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly server: NoticedServer, private readonly showOutput: () => void, private readonly notices: LiveNotices) {
    this.subscription = server.onDidChangeState((change) => this.onChange(change));
  }

  private onChange(change: ServerStateChange): void {
    const { state, message } = change;
    if (state === 'ready') {
      for (const notice of this.open.values()) notice.close();
      this.open.clear();
      return;
    }
    if (state !== 'stopped' || !message || message.includes('deactivated') || this.open.has(message)) return;
    const actions: NoticeAction[] = serverErrorActions(change).map((label) => ({ label, run: () => this.act(label, change) }));
    this.open.set(message, this.notices.show(message, actions, () => this.open.delete(message)));
  }

  private act(action: string, change: ServerStateChange): void {
    if (action === openSettingsAction && change.setting) void vscode.commands.executeCommand('workbench.action.openSettings', change.setting);
    else if (action === showOutputAction) this.showOutput();
    else if (action === restartAction) void this.server.restart();
  }

  dispose(): void {
    this.subscription.dispose();
    for (const notice of this.open.values()) notice.close();
    this.open.clear();
  }
}

import * as vscode from 'vscode';
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
 * Says when the server is in trouble, once per incident; the status bar shows the state all along. A stop is an
 * error with the action that fixes it; a crash being restarted is transient and lives in the status bar only
 * (NoticePolicy: 'serverRestarting'), where its tooltip says when it restarts.
 */
export class ServerNotices implements vscode.Disposable {  /**
   * Stop errors shown and not yet answered or dismissed. A command run from a cold window activates the extension
   * (whose start fails) and then starts the server again (ensureServer): the same failure twice, shown once.
   */
  private readonly openErrors = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly server: NoticedServer, private readonly showOutput: () => void) {
    this.subscription = server.onDidChangeState((change) => this.onChange(change));
  }

  private onChange(change: ServerStateChange): void {
    const { state, message } = change;
    if (state === 'stopped' && message && !message.includes('deactivated') && !this.openErrors.has(message)) {
      this.openErrors.add(message);
      void vscode.window.showErrorMessage(message, ...serverErrorActions(change)).then((action) => {
        this.openErrors.delete(message);
        this.act(action, change);
      });
    }
  }

  private act(action: string | undefined, change: ServerStateChange): void {
    if (action === openSettingsAction && change.setting) void vscode.commands.executeCommand('workbench.action.openSettings', change.setting);
    else if (action === showOutputAction) this.showOutput();
    else if (action === restartAction) void this.server.restart();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

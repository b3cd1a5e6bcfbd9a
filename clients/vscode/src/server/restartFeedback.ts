import * as vscode from 'vscode';
import type { InitializeResult } from '../protocol';
import type { ServerState } from './rpcClient';

/** What a restart with feedback needs: MaestroServer, or a fake in tests. */
export interface RestartableServer {
  readonly state: ServerState;
  readonly initializeResult: InitializeResult | undefined;
  restart(): Promise<void>;
}

/** How long the "restarted" note stays in the status bar. */
const doneMessageMs = 5000;

/**
 * Restarts the server with feedback in the status bar (where VS Code shows a window progress), not a toast: a spinner
 * while it restarts, then a short note naming the version that answered. A failure is not repeated here: the server
 * stops with a message and ServerNotices shows it once, with its fix.
 */
export async function restartWithFeedback(server: RestartableServer): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Maestro: restarting the server…' }, () => server.restart());
  if (server.state !== 'ready') return;
  const info = server.initializeResult?.serverInfo;
  vscode.window.setStatusBarMessage(`$(check) Maestro: server restarted${info ? ` (${info.name} ${info.version})` : ''}`, doneMessageMs);
}

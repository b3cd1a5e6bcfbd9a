import * as vscode from 'vscode';

/** How long a note stays in the status bar. */
const noteMs = 5000;

/**
 * What follows from something the user just did, when there is nothing to act on ("no agent changes to review",
 * "staged the hunk", "not available yet"): a short note in the status bar, as VS Code's own commands do, never a
 * toast (NoticePolicy's 'userAction').
 */
export function statusNote(text: string, icon = 'info'): void {
  vscode.window.setStatusBarMessage(`$(${icon}) ${text}`, noteMs);
}

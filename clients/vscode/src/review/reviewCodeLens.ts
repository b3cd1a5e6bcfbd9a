import * as vscode from 'vscode';
import type { ReviewStore } from './reviewStore';

/**
 * "Claude Code 1 · Accept | Reject | Diff" above each pending agent hunk, the session that made it first. The store
 * holds agent hunks only, so a line the user typed never gets a lens.
 */
export class ReviewCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly storeSubscription;

  constructor(private readonly store: ReviewStore) {
    this.storeSubscription = store.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const reviewed = this.store.fileAt(document.uri.fsPath);
    if (!reviewed) return [];
    const lastLine = Math.max(0, document.lineCount - 1);
    return reviewed.hunks.flatMap((h) => {
      const range = new vscode.Range(Math.min(h.firstChangedLine, lastLine), 0, Math.min(h.firstChangedLine, lastLine), 0);
      const target = { root: reviewed.root, path: reviewed.absolutePath, hunkId: h.hunk.id };
      const session = h.hunk.sessionName ? `${h.hunk.sessionName} · ` : '';
      return [
        new vscode.CodeLens(range, { title: `${session}Accept`, tooltip: 'Keep this agent change (git\'s index is not touched)', command: 'maestro.acceptHunk', arguments: [target] }),
        new vscode.CodeLens(range, {
          title: h.hunk.mixed ? 'Reject (you edited it)' : 'Reject',
          tooltip: h.hunk.mixed ? 'Take back the agent\'s lines; asks first, since your edit inside them would be lost' : 'Take back only the agent\'s lines (Ctrl+Z brings them back)',
          command: 'maestro.rejectHunk',
          arguments: [target],
        }),
        new vscode.CodeLens(range, { title: 'Diff', tooltip: 'Compare with the file before the agent', command: 'maestro.openDiff', arguments: [document.uri] }),
      ];
    });
  }

  dispose(): void {
    this.storeSubscription.dispose();
    this.changed.dispose();
  }
}

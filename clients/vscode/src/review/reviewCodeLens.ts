import * as vscode from 'vscode';
import type { ReviewStore } from './reviewStore';

/**
 * "Accept | Reject | Open diff" above each hunk of a file under review; an agent hunk's first lens names the
 * session that made it ("Claude Code 1 · Accept").
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
        new vscode.CodeLens(range, { title: `${session}$(check) Accept`, tooltip: 'Stage this hunk (git add of just this change)', command: 'maestro.acceptHunk', arguments: [target] }),
        new vscode.CodeLens(range, { title: '$(discard) Reject', tooltip: 'Restore this hunk from the index', command: 'maestro.rejectHunk', arguments: [target] }),
        new vscode.CodeLens(range, { title: 'Open diff', command: 'maestro.openDiff', arguments: [document.uri] }),
      ];
    });
  }

  dispose(): void {
    this.storeSubscription.dispose();
    this.changed.dispose();
  }
}

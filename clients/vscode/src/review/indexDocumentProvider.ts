import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const indexScheme = 'maestro-index';

/** The `maestro-index:` URI of a working file's index (staged) version: the review's baseline. */
export function indexUri(file: vscode.Uri): vscode.Uri {
  return file.with({ scheme: indexScheme });
}

/**
 * Serves the index version of a file for `vscode.diff`. The server has no method that returns blob text (review
 * works on hunks), so this asks git itself: `git show :./name` run in the file's folder resolves the path against
 * that folder, in whichever repository or worktree holds it. A file not in the index (a new file) reads as empty.
 */
export class IndexDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = uri.fsPath;
    return new Promise((resolve) => {
      execFile('git', ['show', `:./${path.basename(file)}`], { cwd: path.dirname(file), maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
        resolve(error ? '' : stdout);
      });
    });
  }

  /** The index moved (an accept): reload the index side of open diffs. */
  refresh(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === indexScheme) this.changed.fire(document.uri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

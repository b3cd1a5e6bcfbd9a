import * as vscode from 'vscode';
import { baselineText } from './baselineText';
import type { ReviewStore } from './reviewStore';

export const baselineScheme = 'maestro-baseline';

/** The `maestro-baseline:` URI of a working file: its text before the agents' pending hunks. */
export function baselineUri(file: vscode.Uri): vscode.Uri {
  return file.with({ scheme: baselineScheme });
}

/**
 * Serves the left side of the review diff: the working file with the agents' pending hunks taken back
 * (`baselineText`), so the diff shows exactly what the agents did and nothing the user did. It follows the review:
 * an accept or reject changes the hunks, and open diffs reload.
 */
export class BaselineDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly storeSubscription;

  constructor(
    private readonly store: ReviewStore,
    private readonly readWorking: (uri: vscode.Uri) => Promise<string>,
  ) {
    this.storeSubscription = store.onDidChange(() => this.refresh());
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = uri.with({ scheme: 'file' });
    const working = await this.readWorking(file);
    const hunks = (this.store.fileAt(file.fsPath)?.hunks ?? []).map((h) => h.hunk);
    return baselineText(working, hunks);
  }

  refresh(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === baselineScheme) this.changed.fire(document.uri);
    }
  }

  dispose(): void {
    this.storeSubscription.dispose();
    this.changed.dispose();
  }
}

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewFileContent } from '../protocol';
import { minimalReplacement, withLineEndings } from './textEdit';

/** A reject this window applied through the editor, remembered so the editor's own undo can take it back. */
interface AppliedReject {
  root: string;
  decisionId: string;
  /** The document's text before the reject's edit: an undo that brings it back is an undo of the reject. */
  before: string;
}

/**
 * Writes the text the server answers for a review decision made with `apply: false` as a `WorkspaceEdit` (only the
 * changed middle of each file) and saves it, so a reject is an ordinary editor edit: Ctrl+Z brings the lines back.
 * When the editor's undo takes such an edit back, the server is told (`review/undo` with `apply: false`, the editor
 * already holds the text), so the hunks are offered again instead of counting as the user's own lines.
 */
export class ReviewEdits implements vscode.Disposable {
  private readonly applied = new Map<string, AppliedReject>(); // by document URI
  private readonly subscription: vscode.Disposable;
  /** Told when the editor's undo took a decision back, so nobody offers to undo it again. */
  onUndone: (decisionId: string) => void = () => undefined;

  constructor(private readonly undoOnServer: (root: string, decisionId: string) => Promise<ReviewFileContent[]>) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => void this.onChange(event));
  }

  /** Applies the server's texts for a decision; `decisionId` given for a reject, so the editor's undo maps back. */
  async apply(root: string, contents: readonly ReviewFileContent[], decisionId?: string): Promise<void> {
    if (contents.length === 0) return;
    const edit = new vscode.WorkspaceEdit();
    const documents: vscode.TextDocument[] = [];
    const befores: string[] = [];
    for (const content of contents) {
      const uri = vscode.Uri.file(path.join(root, content.path));
      const document = await vscode.workspace.openTextDocument(uri);
      const current = document.getText();
      const next = withLineEndings(content.content.replace(/^\uFEFF/, ''), document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
      const replacement = minimalReplacement(current, next);
      if (replacement) {
        edit.replace(uri, new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)), replacement.text);
      }
      documents.push(document);
      befores.push(current);
    }
    // Nothing to change (the editor's own undo already holds the text): an empty WorkspaceEdit is refused, so skip it.
    if (edit.size > 0 && !(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the review edit; nothing was written.');
    documents.forEach((document, i) => {
      const key = document.uri.toString();
      if (decisionId) this.applied.set(key, { root, decisionId, before: befores[i] });
      else this.applied.delete(key);
    });
    for (const document of documents) if (document.isDirty) await document.save();
  }

  /** The decision is gone (undone from the notification or elsewhere): the editor's undo no longer means it. */
  forget(decisionId: string): void {
    for (const [key, applied] of this.applied) if (applied.decisionId === decisionId) this.applied.delete(key);
  }

  private async onChange(event: vscode.TextDocumentChangeEvent): Promise<void> {
    if (event.reason !== vscode.TextDocumentChangeReason.Undo) return;
    const key = event.document.uri.toString();
    const applied = this.applied.get(key);
    if (!applied || event.document.getText() !== applied.before) return;
    this.forget(applied.decisionId);
    this.onUndone(applied.decisionId);
    try {
      // The editor holds the text again; other files of the same decision get theirs from the answer.
      const contents = await this.undoOnServer(applied.root, applied.decisionId);
      await this.apply(applied.root, contents);
      if (event.document.isDirty) await event.document.save();
    } catch (error) {
      void vscode.window.showWarningMessage(`Maestro: the editor's undo brought the lines back, but the review could not take the reject back (${String((error as Error).message ?? error)}); they now count as your own edit.`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

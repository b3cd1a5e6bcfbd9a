import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError, isStaleHunk } from '../util/rpcError';
import { hunkAtLine } from './hunkGeometry';
import { indexUri, type IndexDocumentProvider } from './indexDocumentProvider';
import type { ReviewStore } from './reviewStore';

/** What a CodeLens passes to accept/reject: exactly one hunk of one file. */
export interface HunkTarget {
  root: string;
  path: string;
  hunkId: string;
}

/**
 * The review commands: accept or reject a hunk (from its CodeLens or at the cursor), a whole tree, open the diff
 * against the index; keeps the `maestro.hasPendingHunks` and `maestro.fileHasHunks` context keys current.
 */
export class ReviewController implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ReviewStore,
    private readonly indexDocuments: IndexDocumentProvider,
  ) {
    const storeSubscription = store.onDidChange(() => {
      this.updateContext();
      indexDocuments.refresh();
    });
    this.subscriptions = [
      { dispose: () => storeSubscription.dispose() },
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        const reviewed = this.store.fileAt(document.uri.fsPath);
        const root = reviewed?.root ?? this.store.watchedRoots.find((r) => isInside(r, document.uri.fsPath));
        if (root) this.store.refresh(root).catch(() => undefined);
      }),
    ];
  }

  updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'maestro.hasPendingHunks', this.store.pendingHunkCount > 0);
    const editor = vscode.window.activeTextEditor;
    const hasHunks = !!editor && (this.store.fileAt(editor.document.uri.fsPath)?.hunks.length ?? 0) > 0;
    void vscode.commands.executeCommand('setContext', 'maestro.fileHasHunks', hasHunks);
  }

  acceptHunk(target?: HunkTarget): Promise<void> {
    return this.decide('accept', target);
  }

  rejectHunk(target?: HunkTarget): Promise<void> {
    return this.decide('reject', target);
  }

  private async decide(action: 'accept' | 'reject', target: HunkTarget | undefined): Promise<void> {
    const chosen = target ?? this.hunkAtCursor();
    if (!chosen) {
      void vscode.window.showInformationMessage('Maestro: there is no agent change under the cursor.');
      return;
    }
    // A reject rewrites the file on disk: unsaved edits in the editor would then conflict with it.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === chosen.path);
    if (action === 'reject' && open?.isDirty) await open.save();
    try {
      const selection = { hunkIds: [chosen.hunkId] };
      if (action === 'accept') await this.store.accept(chosen.root, selection);
      else await this.store.reject(chosen.root, selection);
    } catch (error) {
      await this.reportFailure(chosen.root, error);
    }
  }

  /** Accepts or rejects every change of one working tree (asks first for a reject: it discards work). */
  async decideAll(action: 'accept' | 'reject'): Promise<void> {
    const root = await this.pickRoot(action === 'accept' ? 'Accept every change in…' : 'Reject every change in…');
    if (!root) return;
    const files = this.store.filesUnder(root);
    if (action === 'reject') {
      // Names what goes (and who made it); the harmless choice comes first, so Enter never rejects.
      const sessions = [...new Set(files.flatMap((f) => f.hunks.map((h) => h.hunk.sessionName).filter((n): n is string => !!n)))];
      const names = files.map((f) => f.file.path);
      const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? `, and ${names.length - 10} more` : '');
      const answer = await vscode.window.showWarningMessage(
        `Reject the changes${sessions.length > 0 ? ` of ${sessions.join(', ')}` : ''} in ${files.length} file(s) of ${root}: ${shown}?`,
        { modal: true, detail: 'Files created since are removed. Review them one by one to keep some.' },
        'Review One by One',
        'Reject All',
      );
      if (answer === 'Review One by One') await this.reviewChanges(root);
      if (answer !== 'Reject All') return;
    }
    try {
      const n = action === 'accept' ? await this.store.accept(root, { paths: ['.'] }) : await this.store.reject(root, { paths: ['.'] });
      void vscode.window.showInformationMessage(`Maestro: ${action === 'accept' ? 'accepted' : 'rejected'} ${n} change(s).`);
    } catch (error) {
      await this.reportFailure(root, error);
    }
  }

  /** Shows the review of a working tree: its first changed file, opened with the inline review, or a pick of them. */
  async reviewChanges(cwd?: string): Promise<void> {
    const root = cwd ? await this.store.watch(cwd) : await this.pickRoot('Review the changes in…');
    if (!root) {
      if (cwd) void vscode.window.showWarningMessage(`Maestro: ${cwd} is not in a git repository.`);
      return;
    }
    await this.store.refresh(root);
    const files = this.store.filesUnder(root);
    if (files.length === 0) {
      void vscode.window.showInformationMessage('Maestro: no changes to review.');
      return;
    }
    const picked =
      files.length === 1
        ? files[0]
        : (
            await vscode.window.showQuickPick(
              files.map((f) => ({ label: f.file.path, description: `${f.file.status}, ${f.hunks.length} hunk(s)`, reviewed: f })),
              { title: 'Maestro: review a changed file' },
            )
          )?.reviewed;
    if (picked) await vscode.window.showTextDocument(vscode.Uri.file(picked.absolutePath));
  }

  /** The diff of a file's index version (left) against the working file (right). */
  async openDiff(file?: vscode.Uri): Promise<void> {
    const uri = file ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    await vscode.commands.executeCommand('vscode.diff', indexUri(uri), uri, `${path.basename(uri.fsPath)} (index ↔ working tree)`);
  }

  private hunkAtCursor(): HunkTarget | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const reviewed = this.store.fileAt(editor.document.uri.fsPath);
    if (!reviewed) return undefined;
    const hunk = hunkAtLine(reviewed.hunks, editor.selection.active.line);
    return hunk && { root: reviewed.root, path: reviewed.absolutePath, hunkId: hunk.hunk.id };
  }

  private async pickRoot(title: string): Promise<string | undefined> {
    const roots = this.store.watchedRoots.filter((r) => this.store.filesUnder(r).length > 0);
    if (roots.length <= 1) return roots[0];
    return vscode.window.showQuickPick(roots, { title });
  }

  private async reportFailure(root: string, error: unknown): Promise<void> {
    if (isStaleHunk(error)) {
      await this.store.refresh(root).catch(() => undefined);
      void vscode.window.showWarningMessage('Maestro: that change was edited since it was shown; the review was refreshed, nothing was changed.');
      return;
    }
    void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}

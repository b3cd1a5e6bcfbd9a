import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewRejectResult } from '../protocol';
import { describeError, isMixedHunk, isReviewConflict, isStaleHunk } from '../util/rpcError';
import { baselineUri } from './baselineDocumentProvider';
import { hunkAtLine, hunkGeometry } from './hunkGeometry';
import type { ReviewEdits } from './reviewEdits';
import type { ReviewSelection, ReviewStore } from './reviewStore';
import { statusNote } from '../status/statusNote';

/** What a CodeLens passes to accept/reject: exactly one hunk of one file. */
export interface HunkTarget {
  root: string;
  path: string;
  hunkId: string;
}

/** A decision this window made, for "Undo Last Review Decision". */
interface Decision {
  root: string;
  decisionId: string;
  label: string;
}

/** The buttons of the modals, named once so tests and the code-server test can find them. */
export const rejectAllButton = 'Reject All';
export const reviewOneByOneButton = 'Review One by One';
export const rejectMixedButton = 'Reject and Lose My Edits';

/** How the Undo of a decision is reached: its command, and the chord it is bound to (package.json). */
export const undoHint = `Undo: ${process.platform === 'darwin' ? 'Cmd+Alt+M U' : 'Ctrl+Alt+M U'} (Maestro: Undo Last Review Decision)`;

/** "1 change", "3 changes": counts in the user's words, not git's "hunk(s)". */
export function countChanges(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`;
}

export function countFiles(count: number): string {
  return count === 1 ? '1 file' : `${count} files`;
}

/**
 * The review commands on agent hunks: accept or reject a hunk (from its CodeLens or at the cursor) or everything,
 * undo a decision, open the diff against the agents' baseline and move between hunks, and stage a hunk (the one
 * command that touches git's index). Keeps the `maestro.hasPendingHunks` and `maestro.fileHasHunks` context keys.
 */
export class ReviewController implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly decisions: Decision[] = [];

  constructor(
    private readonly store: ReviewStore,
    private readonly edits: ReviewEdits,
  ) {
    const storeSubscription = store.onDidChange(() => this.updateContext());
    edits.onUndone = (decisionId) => {
      const index = this.decisions.findIndex((d) => d.decisionId === decisionId);
      if (index >= 0) this.decisions.splice(index, 1);
    };
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

  async acceptHunk(target?: HunkTarget): Promise<void> {
    const chosen = target ?? this.hunkAtCursor();
    if (!chosen) return this.nothingAtCursor();
    try {
      const result = await this.store.accept(chosen.root, { hunkIds: [chosen.hunkId] });
      if (result.decisionId) this.remember({ root: chosen.root, decisionId: result.decisionId, label: `accept in ${path.basename(chosen.path)}` });
    } catch (error) {
      await this.reportFailure(chosen.root, error);
    }
  }

  async rejectHunk(target?: HunkTarget): Promise<void> {
    const chosen = target ?? this.hunkAtCursor();
    if (!chosen) return this.nothingAtCursor();
    const session = this.store.fileAt(chosen.path)?.hunks.find((h) => h.hunk.id === chosen.hunkId)?.hunk.sessionName;
    await this.reject(chosen.root, { hunkIds: [chosen.hunkId] }, [chosen.path], `${session ? `${session}'s change` : 'the change'} in ${path.basename(chosen.path)}`);
  }

  /** Accepts or rejects every pending agent hunk of one working tree (a reject asks first, naming sessions and files). */
  async decideAll(action: 'accept' | 'reject'): Promise<void> {
    const root = await this.pickRoot(action === 'accept' ? 'Accept every agent change in…' : 'Reject every agent change in…');
    if (!root) return;
    const files = this.store.filesUnder(root);
    const sessions = [...new Set(files.flatMap((f) => f.entries.map((e) => e.sessionName).filter((n): n is string => !!n)))];
    const names = files.map((f) => f.file.path);
    const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? `, and ${names.length - 10} more` : '');
    const who = sessions.length > 0 ? sessions.join(', ') : 'the agents';
    if (action === 'accept') {
      try {
        const result = await this.store.accept(root, { paths: ['.'] });
        if (result.decisionId) this.remember({ root, decisionId: result.decisionId, label: `accept of every change of ${who}` });
        this.noteDone(`Maestro: kept ${countChanges(result.accepted)} of ${who}.`, result.decisionId);
      } catch (error) {
        await this.reportFailure(root, error);
      }
      return;
    }
    // Names what goes and who made it. The harmless choice comes first: in a modal the first button is the default,
    // so Enter never rejects. Only the agents' hunks go; the user's own edits stay.
    const answer = await vscode.window.showWarningMessage(
      `Reject every change of ${who} in ${countFiles(files.length)}: ${shown}?`,
      {
        modal: true,
        detail: `Only the agents' lines are taken back; your own edits stay. Files the agents created go to Maestro's trash. You can undo it afterwards.`,
      },
      reviewOneByOneButton,
      rejectAllButton,
    );
    if (answer === reviewOneByOneButton) await this.reviewChanges(root);
    if (answer !== rejectAllButton) return;
    await this.reject(root, { paths: ['.'] }, files.map((f) => f.absolutePath), `every change of ${who}`);
  }

  /** Undoes the last accept or reject this window made ("Maestro: Undo Last Review Decision", Ctrl+Alt+M U). */
  async undoLast(): Promise<void> {
    const last = this.decisions.pop();
    if (!last) {
      statusNote('Maestro: there is no review decision to undo.');
      return;
    }
    await this.undo(last);
  }

  /** Shows the review of a working tree: its first changed file, opened with the inline review, or a pick of them. */
  async reviewChanges(cwd?: string): Promise<void> {
    const root = cwd ? await this.store.watch(cwd) : await this.pickRoot('Review the agent changes in…');
    if (!root) {
      if (cwd) void vscode.window.showWarningMessage(`Maestro: ${cwd} is not in a git repository.`);
      return;
    }
    await this.store.refresh(root);
    const files = this.store.filesUnder(root);
    if (files.length === 0) {
      statusNote('Maestro: no agent changes to review.');
      return;
    }
    const picked =
      files.length === 1
        ? files[0]
        : (
            await vscode.window.showQuickPick(
              files.map((f) => ({
                label: f.file.path,
                description: `${f.entries.map((e) => e.sessionName).filter(Boolean).join(', ')} · ${f.file.status}, ${countChanges(f.hunks.length)}`,
                reviewed: f,
              })),
              { title: 'Maestro: review an agent-changed file' },
            )
          )?.reviewed;
    if (picked) await vscode.window.showTextDocument(vscode.Uri.file(picked.absolutePath));
  }

  /** The diff of the file before the agents' pending hunks (left) against the working file (right). */
  async openDiff(file?: vscode.Uri): Promise<void> {
    const uri = file ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    const sessions = [...new Set(this.store.fileAt(uri.fsPath)?.entries.map((e) => e.sessionName).filter(Boolean) ?? [])];
    const before = sessions.length > 0 ? `before ${sessions.join(', ')}` : 'agent baseline';
    await vscode.commands.executeCommand('vscode.diff', baselineUri(uri), uri, `${path.basename(uri.fsPath)} (${before} ↔ now)`);
  }

  /** Moves the cursor to the next (or previous) agent hunk of the file, wrapping; works in the file and in its diff. */
  async goToChange(direction: 1 | -1): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const hunks = editor ? (this.store.fileAt(editor.document.uri.fsPath)?.hunks ?? []) : [];
    if (!editor || hunks.length === 0) {
      await vscode.commands.executeCommand(direction > 0 ? 'workbench.action.compareEditor.nextChange' : 'workbench.action.compareEditor.previousChange');
      return;
    }
    const line = editor.selection.active.line;
    const lines = hunks.map((h) => h.firstChangedLine);
    const next = direction > 0 ? (lines.find((l) => l > line) ?? lines[0]) : ([...lines].reverse().find((l) => l < line) ?? lines[lines.length - 1]);
    const position = new vscode.Position(next, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /**
   * "Stage hunk": `git add` of the change under the cursor, the one review action that touches git's index. It
   * works on the index review (every uncommitted change, like git's own staging), not on the agent's hunks.
   */
  async stageHunk(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== 'file') return;
    const file = editor.document.uri.fsPath;
    const root = this.store.fileAt(file)?.root ?? this.store.watchedRoots.find((r) => isInside(r, file)) ?? (await this.store.watch(path.dirname(file)));
    if (!root) return;
    try {
      if (editor.document.isDirty) await editor.document.save();
      const indexed = await this.store.indexReview(root, path.relative(root, this.store.realpathOf(file)));
      const hunk = indexed && hunkAtLine(indexed.hunks.map(hunkGeometry), editor.selection.active.line);
      if (!hunk) {
        statusNote('Maestro: there is no unstaged change under the cursor.');
        return;
      }
      await this.store.stage(root, { hunkIds: [hunk.hunk.id] });
      statusNote(`Maestro: staged the change at line ${hunk.firstChangedLine + 1} (git add).`, 'check');
    } catch (error) {
      await this.reportFailure(root, error);
    }
  }

  /** Rejects through the editor: the server records it and answers the text, written as an undoable edit. */
  private async reject(root: string, selection: ReviewSelection, files: string[], label: string): Promise<void> {
    // The server computes from the files on disk: unsaved edits must be there first, or they would be overwritten.
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && files.some((f) => f === document.uri.fsPath || this.store.realpathOf(document.uri.fsPath) === f)) await document.save();
    }
    let result: ReviewRejectResult;
    try {
      result = await this.store.reject(root, selection);
    } catch (error) {
      if (!isMixedHunk(error)) return this.reportFailure(root, error);
      // The user edited inside these agent lines: say what would be lost, and reject only if they say so.
      const answer = await vscode.window.showWarningMessage(
        'Reject a change you edited since the agent made it?',
        { modal: true, detail: (error as Error).message },
        rejectMixedButton,
      );
      if (answer !== rejectMixedButton) return;
      try {
        result = await this.store.reject(root, selection, true);
      } catch (again) {
        return this.reportFailure(root, again);
      }
    }
    try {
      await this.edits.apply(root, result.contents ?? [], result.decisionId);
    } finally {
      await this.store.refresh(root).catch(() => undefined);
    }
    if (!result.decisionId) return;
    this.remember({ root, decisionId: result.decisionId, label: `reject of ${label}` });
    const trashed = result.trashed?.length ? ` ${result.trashed.join(', ')} moved to Maestro's trash.` : '';
    this.noteDone(`Maestro: rejected ${label} (${countChanges(result.rejected)}).${trashed}`, result.decisionId);
  }

  /**
   * What the user just did is said in the status bar for a few seconds, never a toast; an undoable decision names how
   * to undo it (the command and its chord, which undo the last decision).
   */
  private noteDone(message: string, decisionId: string | undefined): void {
    statusNote(decisionId ? `${message} ${undoHint}` : message, 'check');
  }

  private async undo(decision: Decision): Promise<void> {
    this.edits.forget(decision.decisionId);
    try {
      const result = await this.store.undo(decision.root, decision.decisionId);
      await this.edits.apply(decision.root, result.contents ?? []);
      statusNote(`Maestro: undid the ${decision.label}.`, 'check');
    } catch (error) {
      if (isReviewConflict(error)) {
        void vscode.window.showWarningMessage(`Maestro: cannot undo the ${decision.label}: ${(error as Error).message}`);
      } else {
        void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
      }
    } finally {
      await this.store.refresh(decision.root).catch(() => undefined);
    }
  }

  private remember(decision: Decision): void {
    this.decisions.push(decision);
    if (this.decisions.length > 50) this.decisions.shift();
  }

  private nothingAtCursor(): void {
    statusNote('Maestro: there is no agent change under the cursor.');
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

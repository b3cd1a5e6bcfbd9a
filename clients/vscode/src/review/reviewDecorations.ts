import * as vscode from 'vscode';
import type { ReviewStore } from './reviewStore';

/**
 * Draws the review in editors: added lines with the diff editor's inserted-line colour, and removed lines as a
 * note after the line that now stands where they were (the full old text in its hover), since an editor cannot show
 * lines that are not in the document.
 */
export class ReviewDecorations implements vscode.Disposable {
  private readonly added = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly removed = vscode.window.createTextEditorDecorationType({
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    after: {
      color: new vscode.ThemeColor('gitDecoration.deletedResourceForeground'),
      backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
      fontStyle: 'italic',
      margin: '0 0 0 2em',
    },
  });
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: ReviewStore) {
    const storeSubscription = store.onDidChange(() => this.renderAll());
    this.subscriptions = [
      { dispose: () => storeSubscription.dispose() },
      vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()),
    ];
  }

  renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.render(editor);
  }

  render(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== 'file') return;
    const reviewed = this.store.fileAt(editor.document.uri.fsPath);
    const hunks = reviewed?.hunks ?? [];
    const lastLine = Math.max(0, editor.document.lineCount - 1);

    const addedRanges = hunks.flatMap((h) => h.addedLines.filter((l) => l <= lastLine).map((l) => new vscode.Range(l, 0, l, 0)));
    const removedOptions = hunks.flatMap((h) =>
      h.removed.map((block): vscode.DecorationOptions => {
        const line = Math.min(block.anchorLine, lastLine);
        const end = editor.document.lineAt(line).range.end;
        const first = block.lines[0] ?? '';
        const more = block.lines.length > 1 ? `  (+${block.lines.length - 1} more removed)` : '';
        const hover = new vscode.MarkdownString();
        hover.appendMarkdown('**Removed by the agent** (Reject restores it):\n');
        hover.appendCodeblock(block.lines.join('\n'), editor.document.languageId);
        return {
          range: new vscode.Range(end, end),
          hoverMessage: hover,
          renderOptions: { after: { contentText: `− ${first.trim()}${more}` } },
        };
      }),
    );
    editor.setDecorations(this.added, addedRanges);
    editor.setDecorations(this.removed, removedOptions);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.added.dispose();
    this.removed.dispose();
  }
}

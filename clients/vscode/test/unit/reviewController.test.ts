import { beforeEach, describe, expect, it } from 'vitest';
import * as vscode from 'vscode';
import { answerMessagesWith, disk, editDocument, FakeTextDocument, recorded, TextDocumentChangeReason } from '../fakes/vscode';
import type { ReviewChangesResult } from '../../src/protocol';
import { countChanges, countFiles, rejectAllButton, rejectMixedButton, ReviewController, reviewOneByOneButton, undoHint } from '../../src/review/reviewController';
import { ReviewEdits } from '../../src/review/reviewEdits';
import { ReviewStore } from '../../src/review/reviewStore';
import { FakeRpcClient } from './fakeRpcClient';

const file = '/repo/a.txt';
const agentText = 'one\nTWO\nthree\nmine\n';
const claude = { sessionId: 's_1', turnId: 't_1', agentId: 'claude-code', sessionName: 'Claude Code 1' };
const review: ReviewChangesResult = {
  files: [
    {
      path: 'a.txt',
      status: 'modified',
      binary: false,
      mixed: false,
      ...claude,
      hunks: [{ id: 'h1', oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, mixed: false, header: '', lines: [' one', '-two', '+TWO', ' three'], ...claude }],
    },
  ],
  sessions: [{ sessionId: 's_1', name: 'Claude Code 1', agentId: 'claude-code', files: 1, hunks: 1 }],
};

const mixedError = Object.assign(new Error("a.txt line 2: 'Two, said the user' would be lost"), { code: -32019 });

async function setUp(options: { mixed?: boolean } = {}) {
  const server = new FakeRpcClient();
  let rejects = 0;
  server.handlers.set('git/status', () => ({ root: '/repo', ahead: 0, behind: 0, changes: [] }));
  server.handlers.set('review/changes', () => review);
  server.handlers.set('review/reject', (params) => {
    rejects++;
    if (options.mixed && !(params as { confirm?: boolean }).confirm) throw mixedError;
    return { rejected: 1, decisionId: 'd_1', trashed: [], contents: [{ path: 'a.txt', content: 'one\ntwo\nthree\nmine\n' }] };
  });
  server.handlers.set('review/undo', () => ({ restored: 1, contents: [{ path: 'a.txt', content: agentText }] }));
  const store = new ReviewStore(server, (p) => p, 0);
  const edits = new ReviewEdits(async (root, decisionId) => (await store.undo(root, decisionId)).contents ?? []);
  const controller = new ReviewController(store, edits);
  await store.watch('/repo');
  disk.set(file, agentText);
  const document = (await vscode.workspace.openTextDocument(vscode.Uri.file(file))) as unknown as FakeTextDocument;
  return { server, store, edits, controller, document, rejects: () => rejects };
}

const target = { root: '/repo', path: file, hunkId: 'h1' };

describe('ReviewController', () => {
  beforeEach(() => recorded.reset());

  it('sends apply: false, writes only the changed middle, saves, and names the session in the status bar', async () => {
    const { server, controller, document } = await setUp();
    await controller.rejectHunk(target);
    expect(server.requests.find((r) => r.method === 'review/reject')?.params).toEqual({ cwd: '/repo', hunkIds: ['h1'], confirm: false, apply: false });
    expect(recorded.edits).toHaveLength(1);
    expect(recorded.edits[0].edits.map((e) => e.text)).toEqual(['two']);
    expect(document.getText()).toBe('one\ntwo\nthree\nmine\n');
    expect(disk.get(file)).toBe('one\ntwo\nthree\nmine\n');
    // What the user just did is no toast: a status bar note that says how to undo it.
    expect(recorded.messages).toEqual([]);
    const note = recorded.statusBarMessages.at(-1);
    expect(note?.text).toBe(`$(check) Maestro: rejected Claude Code 1's change in a.txt (1 change). ${undoHint}`);
    expect(note?.timeoutMs).toBeGreaterThan(0);
    expect(undoHint).toMatch(/^Undo: (Ctrl|Cmd)\+Alt\+M U \(Maestro: Undo Last Review Decision\)$/);
  });

  it("tells the server when the editor's undo takes the reject back, and saves what the editor holds", async () => {
    const { server, controller, document } = await setUp();
    await controller.rejectHunk(target);
    editDocument(document, agentText, TextDocumentChangeReason.Undo);
    await waitFor(() => disk.get(file) === agentText);
    expect(server.requests.find((r) => r.method === 'review/undo')?.params).toEqual({ cwd: '/repo', decisionId: 'd_1', apply: false });
  });

  it('does not call an ordinary edit (or a redo) an undo of the reject', async () => {
    const { server, controller, document } = await setUp();
    await controller.rejectHunk(target);
    editDocument(document, agentText); // typed, not undone
    editDocument(document, agentText, TextDocumentChangeReason.Redo);
    await new Promise((r) => setTimeout(r, 20));
    expect(server.requests.some((r) => r.method === 'review/undo')).toBe(false);
  });

  it('"Undo Last Review Decision" (the command the note names) calls review/undo and writes the lines back through the editor', async () => {
    const { server, controller, document } = await setUp();
    await controller.rejectHunk(target);
    await controller.undoLast();
    await waitFor(() => document.getText() === agentText && !document.isDirty);
    expect(server.requests.filter((r) => r.method === 'review/undo')).toHaveLength(1);
    expect(recorded.statusBarMessages.at(-1)?.text).toBe("$(check) Maestro: undid the reject of Claude Code 1's change in a.txt.");
    // Nothing left to undo: said in the status bar too.
    await controller.undoLast();
    expect(recorded.statusBarMessages.at(-1)?.text).toBe('$(info) Maestro: there is no review decision to undo.');
    expect(recorded.messages).toEqual([]);
  });

  it('Accept All says what it kept in plain words, in the status bar', async () => {
    const { server, controller } = await setUp();
    server.handlers.set('review/accept', () => ({ accepted: 2, decisionId: 'd_2' }));
    await controller.decideAll('accept');
    expect(recorded.messages).toEqual([]);
    expect(recorded.statusBarMessages.at(-1)?.text).toBe(`$(check) Maestro: kept 2 changes of Claude Code 1. ${undoHint}`);
    expect([countChanges(1), countChanges(3), countFiles(1), countFiles(3)]).toEqual(['1 change', '3 changes', '1 file', '3 files']);
  });

  it('a mixed hunk asks first, in a modal naming what is lost, and retries with confirm only when told to', async () => {
    const declined = await setUp({ mixed: true });
    answerMessagesWith(async () => undefined);
    await declined.controller.rejectHunk(target);
    expect(declined.rejects()).toBe(1);
    const question = recorded.messages.find((m) => m.modal);
    expect(question?.detail).toContain("'Two, said the user' would be lost");
    expect(question?.items).toEqual([rejectMixedButton]);
    expect(declined.document.getText()).toBe(agentText);

    recorded.reset();
    const confirmed = await setUp({ mixed: true });
    answerMessagesWith(async (_text, items) => (items.includes(rejectMixedButton) ? rejectMixedButton : undefined));
    await confirmed.controller.rejectHunk(target);
    expect(confirmed.server.requests.filter((r) => r.method === 'review/reject').map((r) => (r.params as { confirm: boolean }).confirm)).toEqual([false, true]);
    expect(confirmed.document.getText()).toBe('one\ntwo\nthree\nmine\n');
  });

  it('Reject All names the sessions and files in a modal whose first (default) button is not Reject All, and can be undone', async () => {
    const { server, controller } = await setUp();
    answerMessagesWith(async (_text, items) => (items.includes(rejectAllButton) ? rejectAllButton : undefined));
    await controller.decideAll('reject');
    const modal = recorded.messages.find((m) => m.modal)!;
    expect(modal.text).toBe('Reject every change of Claude Code 1 in 1 file: a.txt?');
    expect(modal.items[0]).toBe(reviewOneByOneButton);
    expect(modal.items).toContain(rejectAllButton);
    expect(server.requests.find((r) => r.method === 'review/reject')?.params).toMatchObject({ paths: ['.'], apply: false });
    expect(recorded.messages.filter((m) => !m.modal)).toEqual([]);
    expect(recorded.statusBarMessages.at(-1)?.text).toContain(`every change of Claude Code 1 (1 change). ${undoHint}`);
    await controller.undoLast();
    await waitFor(() => server.requests.some((r) => r.method === 'review/undo'));
  });

  it('"Stage hunk" stages the index review\'s hunk under the cursor, the only call that touches the index', async () => {
    const { server, controller, document } = await setUp();
    server.handlers.set('review/changes', (params) =>
      (params as { baseline?: string }).baseline === 'index' ? { files: [{ ...review.files[0], hunks: [{ ...review.files[0].hunks[0], id: 'i1' }] }] } : review,
    );
    server.handlers.set('review/stage', () => ({ staged: 1 }));
    const position = new vscode.Position(1, 0);
    vscode.window.activeTextEditor = { document, selection: new vscode.Selection(position, position) } as unknown as vscode.TextEditor;
    await controller.stageHunk();
    expect(server.requests.find((r) => r.method === 'review/stage')?.params).toEqual({ cwd: '/repo', hunkIds: ['i1'] });
    vscode.window.activeTextEditor = undefined;
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}

import { beforeEach, describe, expect, it } from 'vitest';
import * as vscode from 'vscode';
import type { ReviewChangesResult } from '../../src/protocol';
import { ReviewCodeLensProvider } from '../../src/review/reviewCodeLens';
import { ReviewStore } from '../../src/review/reviewStore';
import { FakeRpcClient } from './fakeRpcClient';

const claude = { sessionId: 's_1', turnId: 't_1', agentId: 'claude-code', sessionName: 'Claude Code 1' };
const twoHunks: ReviewChangesResult = {
  files: [
    {
      path: 'src/a.txt',
      status: 'modified',
      binary: false,
      mixed: false,
      ...claude,
      hunks: [
        { id: 'h1', oldStart: 1, oldLines: 7, newStart: 1, newLines: 7, mixed: false, header: '', lines: [' 1', ' 2', ' 3', '-4', '+four', ' 5', ' 6', ' 7'], ...claude },
        { id: 'h2', oldStart: 20, oldLines: 6, newStart: 20, newLines: 7, mixed: false, header: '', lines: [' 20', ' 21', ' 22', '+new', ' 23', ' 24', ' 25'], ...claude },
      ],
    },
  ],
  sessions: [{ sessionId: 's_1', name: 'Claude Code 1', agentId: 'claude-code', files: 1, hunks: 2 }],
};

function serverWithReview() {
  const server = new FakeRpcClient();
  let review = twoHunks;
  server.handlers.set('git/status', () => ({ root: '/repo', ahead: 0, behind: 0, changes: [] }));
  server.handlers.set('review/changes', () => review);
  server.handlers.set('review/accept', () => {
    review = { files: [{ ...twoHunks.files[0], hunks: [twoHunks.files[0].hunks[1]] }] };
    return { accepted: 1, decisionId: 'd_1' };
  });
  return server;
}

describe('ReviewStore', () => {
  it('watches the repository of a folder by its root and reads its changes', async () => {
    const server = serverWithReview();
    const store = new ReviewStore(server, (p) => p, 0);
    expect(await store.watch('/repo/src')).toBe('/repo');
    expect(server.requests.map((r) => r.method)).toEqual(['git/status', 'review/changes']);
    expect(server.requests[1].params).toEqual({ cwd: '/repo' }); // the agents' hunks, not the index review
    expect(store.fileAt('/repo/src/a.txt')?.hunks.map((h) => h.hunk.id)).toEqual(['h1', 'h2']);
    expect(store.pendingHunkCount).toBe(2);

    // Watching the same folder again (every sessions/changed of a worktree session does) costs no request.
    expect(await store.watch('/repo/src')).toBe('/repo');
    expect(server.requests).toHaveLength(2);
  });

  it('finds a file through the realpath of an editor path (the server resolves symlinks)', async () => {
    const store = new ReviewStore(serverWithReview(), (p) => p.replace('/link', '/repo'), 0);
    await store.watch('/repo');
    expect(store.fileAt('/link/src/a.txt')?.file.path).toBe('src/a.txt');
  });

  it('refreshes a watched root on review/changed and ignores roots it does not watch', async () => {
    const server = serverWithReview();
    const store = new ReviewStore(server, (p) => p, 0);
    await store.watch('/repo');
    const refreshed = new Promise<void>((resolve) => store.onDidChange(() => resolve()));
    server.notify('review/changed', { cwd: '/elsewhere', paths: ['x'] });
    server.notify('review/changed', { cwd: '/repo', paths: ['src/a.txt'] });
    await refreshed;
    expect(server.requests.filter((r) => r.method === 'review/changes')).toHaveLength(2);
  });

  it('accepts by hunk id on the root and re-reads the review', async () => {
    const server = serverWithReview();
    const store = new ReviewStore(server, (p) => p, 0);
    await store.watch('/repo');
    expect(await store.accept('/repo', { hunkIds: ['h1'] })).toEqual({ accepted: 1, decisionId: 'd_1' });
    // Against the agents' baseline (no `baseline` named): an accept keeps the change and never stages it.
    expect(server.requests.find((r) => r.method === 'review/accept')?.params).toEqual({ cwd: '/repo', hunkIds: ['h1'] });
    expect(store.fileAt('/repo/src/a.txt')?.hunks.map((h) => h.hunk.id)).toEqual(['h2']);
  });
});

describe('ReviewCodeLensProvider', () => {
  beforeEach(() => (vscode.window.visibleTextEditors = []));

  it('puts "<session> · Accept", Reject and Diff on the first changed line of each agent hunk, targeting that hunk', async () => {
    const store = new ReviewStore(serverWithReview(), (p) => p, 0);
    await store.watch('/repo');
    const provider = new ReviewCodeLensProvider(store);
    const document = { uri: vscode.Uri.file('/repo/src/a.txt'), lineCount: 40 } as unknown as vscode.TextDocument;
    const lenses = provider.provideCodeLenses(document);
    expect(lenses.map((l) => [l.range.start.line, l.command?.command])).toEqual([
      [3, 'maestro.acceptHunk'],
      [3, 'maestro.rejectHunk'],
      [3, 'maestro.openDiff'],
      [22, 'maestro.acceptHunk'],
      [22, 'maestro.rejectHunk'],
      [22, 'maestro.openDiff'],
    ]);
    expect(lenses[4].command?.arguments).toEqual([{ root: '/repo', path: '/repo/src/a.txt', hunkId: 'h2' }]);
    expect(lenses.slice(0, 3).map((l) => l.command?.title)).toEqual(['Claude Code 1 · Accept', 'Reject', 'Diff']);
  });

  it('has no lens for a file without changes, and asks VS Code to redraw when the review changes', async () => {
    const store = new ReviewStore(serverWithReview(), (p) => p, 0);
    const provider = new ReviewCodeLensProvider(store);
    let redraws = 0;
    provider.onDidChangeCodeLenses(() => redraws++);
    expect(provider.provideCodeLenses({ uri: vscode.Uri.file('/repo/other.txt'), lineCount: 3 } as unknown as vscode.TextDocument)).toEqual([]);
    await store.watch('/repo');
    expect(redraws).toBe(1);
  });
});

describe('ReviewStore with two sessions on one file', () => {
  it('shows both entries of a file together, each hunk with its own session, top to bottom', async () => {
    const server = new FakeRpcClient();
    const codex = { sessionId: 's_2', turnId: 't_9', agentId: 'codex', sessionName: 'Codex 1' };
    server.handlers.set('git/status', () => ({ root: '/repo', ahead: 0, behind: 0, changes: [] }));
    server.handlers.set('review/changes', () => ({
      files: [
        { ...twoHunks.files[0], hunks: [twoHunks.files[0].hunks[1]] },
        { ...twoHunks.files[0], ...codex, hunks: [{ ...twoHunks.files[0].hunks[0], id: 'c1', ...codex }] },
      ],
      sessions: [],
    }));
    const store = new ReviewStore(server, (p) => p, 0);
    await store.watch('/repo');
    const reviewed = store.fileAt('/repo/src/a.txt')!;
    expect(reviewed.entries.map((e) => e.sessionName)).toEqual(['Claude Code 1', 'Codex 1']);
    expect(reviewed.hunks.map((h) => [h.hunk.id, h.hunk.sessionName])).toEqual([
      ['c1', 'Codex 1'],
      ['h2', 'Claude Code 1'],
    ]);
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostToPanel } from '../../src/bridge/messages';
import type { PermissionRequestParams, Session, SessionEventsNotification } from '../../src/protocol';
import { ReviewStore } from '../../src/review/reviewStore';
import { isStaleHunk } from '../../src/util/rpcError';
// Plain .mjs modules of the interop kit (typed by inference, allowJs).
import { agents, configureAgent, startModelServer } from '../../../../tests/interop/agents.mjs';
import { startRealHost, type RealHost } from './realServer';
import { newSandbox } from './sandbox';
import { waitFor } from './waitFor';

const git = (cwd: string, ...args: string[]): string => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

describe('the extension against the real server', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('ReviewStore lists only a real agent turn\'s hunks with its session; reject leaves the text to the editor, undo, accept never stages', { timeout: 240000 }, async () => {
    const model = await startModelServer();
    cleanups.push(() => model.stop());
    const sandbox = newSandbox();
    cleanups.push(() => sandbox.dispose());
    const host: RealHost = startRealHost();
    cleanups.push(() => host.dispose());
    configureAgent(host.home, 'claude-code', sandbox, model.modelUrl);
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const file = join(sandbox.repo, 'a.txt');
    writeFileSync(file, lines.join('\n') + '\n');
    git(sandbox.repo, 'add', 'a.txt');
    git(sandbox.repo, 'commit', '-q', '-m', 'a');
    const committed = readFileSync(file, 'utf8');
    await host.server.start();

    const store = new ReviewStore(host.server);
    cleanups.push(() => store.dispose());
    const root = await store.watch(sandbox.repo);
    expect(root).toBeTruthy();

    // A real Claude Code turn (scripted model) edits two places; then the user edits a third and saves.
    const session = await host.server.request<Session>('sessions/create', { agentId: 'claude-code', cwd: sandbox.repo, permissionMode: 'bypass' });
    await model.enqueueTurn([{ tool: 'Read', args: { file_path: file } }]);
    await model.enqueueTurn([{ tool: 'Edit', args: { file_path: file, old_string: 'line 3\n', new_string: 'line 3 REJECT ME\n' } }]);
    await model.enqueueTurn([{ tool: 'Edit', args: { file_path: file, old_string: 'line 25\n', new_string: 'line 25 ACCEPT ME\n' } }, { text: 'Done.' }]);
    expect((await host.server.request<{ stopReason: string }>('sessions/prompt', { sessionId: session.id, text: 'Edit a.txt' })).stopReason).toBe('endTurn');
    writeFileSync(file, readFileSync(file, 'utf8').replace('line 14\n', 'line 14 typed by the user\n'));
    const withUser = readFileSync(file, 'utf8');

    const reviewed = await waitFor('the agent\'s two hunks', async () => {
      await store.refresh(root!);
      const f = store.allFiles().find((x) => x.file.path === 'a.txt');
      return f && f.hunks.length === 2 ? f : undefined;
    });
    expect(reviewed.hunks.map((h) => h.addedLines)).toEqual([[2], [24]]);
    // The server named the session from its first prompt (it had its default name).
    expect(reviewed.hunks.map((h) => h.hunk.sessionName)).toEqual(['Edit a.txt', 'Edit a.txt']);

    // Reject with apply: false: recorded, the text answered, the file left for the editor to write.
    const rejected = await store.reject(root!, { hunkIds: [reviewed.hunks[0].hunk.id] });
    expect(rejected.contents?.[0]?.content).toBe(withUser.replace('line 3 REJECT ME\n', 'line 3\n'));
    expect(readFileSync(file, 'utf8')).toBe(withUser);
    writeFileSync(file, rejected.contents![0].content);
    // The editor's undo puts the text back; the server is told, and the hunk is offered again.
    writeFileSync(file, withUser);
    const undone = await store.undo(root!, rejected.decisionId!);
    expect(undone.contents?.[0]?.content).toBe(withUser);
    await store.refresh(root!);
    expect(store.fileAt(file)?.hunks).toHaveLength(2);

    const accepted = await store.accept(root!, { hunkIds: [store.fileAt(file)!.hunks[1].hunk.id] });
    expect(accepted.accepted).toBe(1);
    expect(git(sandbox.repo, 'show', ':a.txt')).toBe(committed); // accept never stages
    expect(store.fileAt(file)?.hunks).toHaveLength(1);

    const stale = await store.accept(root!, { hunkIds: [reviewed.hunks[1].hunk.id] }).catch((e: unknown) => e);
    expect(isStaleHunk(stale)).toBe(true);
  });

  it('a real ACP agent asks permission: the panel card and the notification both see it, the panel answers first', { timeout: 240000 }, async () => {
    const model = await startModelServer();
    cleanups.push(() => model.stop());
    const sandbox = newSandbox();
    cleanups.push(() => sandbox.dispose());
    const asked: PermissionRequestParams[] = [];
    // The notification is shown and never clicked: the panel's answer must win.
    const host = startRealHost({ ask: (params) => (asked.push(params), new Promise(() => undefined)) });
    cleanups.push(() => host.dispose());
    configureAgent(host.home, 'acp:claude', sandbox, model.modelUrl);
    await host.server.start();

    const session = await host.server.request<Session>('sessions/create', { agentId: 'acp:claude', cwd: sandbox.repo, permissionMode: 'ask' });
    const target = join(sandbox.repo, 'from-vscode.txt');
    await model.enqueueTurn([agents['acp:claude'].writeStep(target, 'written after the panel allowed it\n'), { text: 'Wrote **from-vscode.txt**.' }]);
    const turn = host.server.request<{ stopReason: string }>('sessions/prompt', { sessionId: session.id, text: 'Write from-vscode.txt' });

    const card = await waitFor('the permission request in the panel', () =>
      host.panel.find((m): m is Extract<HostToPanel, { kind: 'serverRequest' }> => m.kind === 'serverRequest' && m.method === 'permissions/request'),
    60000);
    expect(asked).toHaveLength(1);
    const params = card.params as PermissionRequestParams;
    expect(params.sessionId).toBe(session.id);
    const allow = params.options.find((o) => o.kind === 'allowOnce')!;
    await host.send({ kind: 'serverResponse', id: card.id, result: { optionId: allow.id, cancelled: false } });
    expect(host.panel).toContainEqual({ kind: 'serverRequestSettled', id: card.id });

    expect((await turn).stopReason).toBe('endTurn');
    expect(readFileSync(target, 'utf8')).toBe('written after the panel allowed it\n');
    // Events reach the panel as sessions/events batches (the extension asked for batchedEvents).
    const batches = host.panel.filter((m) => m.kind === 'notification' && m.method === 'sessions/events').map((m) => (m as { params: SessionEventsNotification }).params);
    const seqs = batches.filter((b) => b.sessionId === session.id).flatMap((b) => b.events.map((e) => e.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(host.panel.some((m) => m.kind === 'notification' && m.method === 'sessions/event')).toBe(false);
  });
});

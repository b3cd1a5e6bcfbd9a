import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, answerQuickPicksWith, recorded, Uri, workspace } from '../fakes/vscode';
import type { Session } from '../../src/protocol';
import { closeSession, promptSession, type SessionCommandContext } from '../../src/commands/sessionCommands';
import { stopRun } from '../../src/commands/playbookCommands';
import { deleteWorktree, mergeWorktree, openWorktreeInNewWindow } from '../../src/commands/worktreeCommands';
import { ActivityTracker } from '../../src/status/activityTracker';
import { createHostActions } from '../../src/hostActions';
import type { ReviewController } from '../../src/review/reviewController';
import { FakeRpcClient } from './fakeRpcClient';

const session = (id: string, extra: Partial<Session> = {}): Session =>
  ({ id, name: `Claude ${id}`, agentId: 'claude-code', cwd: '/r', status: 'idle', permissionMode: 'ask', lastSeq: 1, createdAt: '', updatedAt: id, usage: {}, ...extra }) as unknown as Session;

function context(sessions: Session[], selected?: string) {
  const server = new FakeRpcClient();
  server.handlers.set('sessions/list', () => ({ sessions }));
  server.handlers.set('runs/list', () => ({ runs: [] }));
  const shown: string[] = [];
  const ctx: SessionCommandContext = {
    server,
    tracker: new ActivityTracker(server),
    showSession: async (id) => void shown.push(id),
    watchFolder: () => undefined,
    selectedSession: () => selected,
  };
  return { server, ctx, shown };
}

describe('session commands: one candidate, no picker; the prompt box, not a one-line input', () => {
  beforeEach(() => {
    recorded.reset();
    workspace.workspaceFolders = [{ uri: Uri.file('/r') }];
  });

  it('Prompt Session opens the single open session in the panel (its multi-line prompt box focused), without a picker', async () => {
    const { server, ctx, shown } = context([session('a'), session('gone', { status: 'closed' })]);
    await promptSession(ctx);
    expect(recorded.quickPicks).toEqual([]);
    expect(shown).toEqual(['a']);
    expect(server.requests.map((r) => r.method)).not.toContain('sessions/prompt');
  });

  it('Prompt Session lands on the session selected in the panel; with several and none selected, a picker', async () => {
    const { ctx, shown } = context([session('a'), session('b')], 'b');
    await ctx.tracker.refresh();
    await promptSession(ctx);
    expect([recorded.quickPicks.length, shown]).toEqual([0, ['b']]);

    const other = context([session('a'), session('b')]);
    answerQuickPicksWith((labels) => labels.find((l) => l === 'Claude a'));
    await promptSession(other.ctx);
    expect(recorded.quickPicks.map((q) => q.labels)).toEqual([['Claude b', 'Claude a']]);
    expect(other.shown).toEqual(['a']);
  });

  it('nothing to act on is a status bar note, not a toast (no session to prompt, no run to stop)', async () => {
    const { server, ctx, shown } = context([session('gone', { status: 'closed' })]);
    await promptSession(ctx);
    await stopRun(server, ctx.tracker);
    expect(recorded.messages).toEqual([]);
    expect(recorded.statusBarMessages.map((m) => m.text)).toEqual(['$(info) Maestro: no open session (New Session: Ctrl+Alt+M N).', '$(info) Maestro: no Playbook is running.']);
    expect(shown).toEqual([]);
  });

  it('Prompt Session with a text (from another command) sends it, and opens the session', async () => {
    const { server, ctx, shown } = context([session('a')]);
    server.handlers.set('sessions/prompt', () => ({ stopReason: 'endTurn' }));
    await promptSession(ctx, 'a', 'line one\nline two');
    expect(server.requests.find((r) => r.method === 'sessions/prompt')?.params).toEqual({ sessionId: 'a', text: 'line one\nline two' });
    expect(shown).toEqual(['a']);
  });
});

describe('worktree sessions', () => {
  const wt = session('w', { worktree: '/r.worktrees/feature', branch: 'feature' });
  beforeEach(() => recorded.reset());

  it('Close asks Keep / Delete worktree / Delete worktree and branch; Delete removes it with the close', async () => {
    const { server, ctx } = context([wt]);
    server.handlers.set('sessions/close', () => ({ removedWorktree: { path: '/r.worktrees/feature', branch: 'feature', branchDeleted: false } }));
    answerMessagesWith(async () => 'Delete Worktree');
    await closeSession(ctx);
    expect(recorded.messages[0]).toMatchObject({ level: 'warning', modal: true, items: ['Keep Worktree', 'Delete Worktree', 'Delete Worktree and Branch'] });
    expect(server.requests.at(-1)).toEqual({ method: 'sessions/close', params: { sessionId: 'w', removeWorktree: true } });
    expect(recorded.messages).toHaveLength(1);
  });

  it('Delete Worktree and Branch closes with deleteBranch; Escape closes nothing; a detached worktree is not offered the branch', async () => {
    const { server, ctx } = context([wt, session('d', { worktree: '/r.worktrees/detached' })]);
    server.handlers.set('sessions/close', () => ({ removedWorktree: { path: '/r.worktrees/feature', branch: 'feature', branchDeleted: true } }));
    await ctx.tracker.refresh();
    answerMessagesWith(async () => undefined);
    await closeSession(ctx, 'w');
    expect(server.requests.map((r) => r.method)).not.toContain('sessions/close');

    answerMessagesWith(async (_, items) => items.find((i) => i === 'Delete Worktree and Branch'));
    await closeSession(ctx, 'w');
    expect(server.requests.at(-1)).toEqual({ method: 'sessions/close', params: { sessionId: 'w', removeWorktree: true, deleteBranch: true } });
    expect(recorded.messages.filter((m) => m.level === 'error')).toEqual([]);

    await closeSession(ctx, 'd');
    expect(recorded.messages.at(-1)).toMatchObject({ modal: true, items: ['Keep Worktree', 'Delete Worktree'] });
    expect(server.requests.filter((r) => r.method === 'sessions/close')).toHaveLength(1);
  });

  it('an unmerged branch is kept: the server\'s message (session closed, worktree removed, how to delete it) is shown, with nothing to retry', async () => {
    const { server, ctx } = context([wt]);
    const message = "The session was closed and its worktree '/r.worktrees/feature' removed, but its branch 'feature' was kept: it has commits not merged into 'main'. Merge them first, or delete the branch anyway with: git -C /r branch -D feature";
    server.handlers.set('sessions/close', () => {
      throw Object.assign(new Error(message), { code: -32030, data: { kind: 'BranchNotMerged', branch: 'feature', path: '/r.worktrees/feature' } });
    });
    answerMessagesWith(async (_, items) => (items.includes('Delete Worktree and Branch') ? 'Delete Worktree and Branch' : undefined));
    await closeSession(ctx);
    expect(recorded.messages[1]).toMatchObject({ level: 'error', text: `Maestro: ${message}`, items: [] });
    expect(server.requests.filter((r) => r.method === 'sessions/close')).toHaveLength(1);
  });

  it("the panel's Close (host/closeSession with the session's id) asks the same, even before the tracker knew the session", async () => {
    const { server, ctx } = context([wt]);
    server.handlers.set('sessions/close', () => null);
    answerMessagesWith(async () => 'Keep Worktree');
    await closeSession(ctx, 'w');
    expect(recorded.quickPicks).toEqual([]);
    expect(recorded.messages[0]).toMatchObject({ level: 'warning', modal: true, text: 'Close Claude w: keep its worktree or delete it?' });
    expect(server.requests.at(-1)).toEqual({ method: 'sessions/close', params: { sessionId: 'w', removeWorktree: false } });
  });

  it('a dirty worktree refuses to go: the error names the files and offers the close that keeps it', async () => {
    const { server, ctx } = context([wt]);
    let calls = 0;
    server.handlers.set('sessions/close', (params) => {
      if (calls++ === 0 && (params as { removeWorktree: boolean }).removeWorktree) throw Object.assign(new Error('The worktree has changes not committed: a.txt'), { code: -32013 });
      return null;
    });
    answerMessagesWith(async (_, items) => (items.includes('Delete Worktree') ? 'Delete Worktree' : 'Keep Worktree'));
    await closeSession(ctx);
    expect(recorded.messages[1]).toMatchObject({ level: 'error', items: ['Keep Worktree'] });
    expect(server.requests.filter((r) => r.method === 'sessions/close').map((r) => r.params)).toEqual([
      { sessionId: 'w', removeWorktree: true },
      { sessionId: 'w', removeWorktree: false },
    ]);
  });

  it('Open in New Window opens the worktree folder with forceNewWindow', async () => {
    const { ctx } = context([wt, session('plain')]);
    await openWorktreeInNewWindow(ctx);
    expect(recorded.quickPicks).toEqual([]); // the only session in a worktree
    expect(recorded.executed).toEqual([{ command: 'vscode.openFolder', args: [Uri.file('/r.worktrees/feature'), { forceNewWindow: true }] }]);
  });

  it("an SSH host's worktree: merged and removed on that host, and not opened as a local folder", async () => {
    const remote = session('h', { worktree: '/srv/app.worktrees/feature', branch: 'feature', status: 'closed', host: 'box' });
    const { server, ctx } = context([remote]);
    await ctx.tracker.refresh();
    await openWorktreeInNewWindow(ctx, 'h');
    expect(recorded.executed).toEqual([]);
    expect(recorded.messages.at(-1)?.text).toContain('/srv/app.worktrees/feature is on box');
    answerMessagesWith(async (_, items) => items.find((i) => i === 'Merge' || i === 'Delete Worktree'));
    server.handlers.set('worktrees/merge', () => ({ merged: true, fastForward: true, conflicts: [] }));
    server.handlers.set('worktrees/remove', () => ({ path: '/srv/app.worktrees/feature', branchDeleted: false }));
    await mergeWorktree(ctx, 'h');
    expect(await deleteWorktree(ctx, 'h')).toBe(true);
    expect(server.requests.filter((r) => r.method.startsWith('worktrees/')).map((r) => (r.params as { host?: string }).host)).toEqual(['box', 'box']);
  });

  it('Merge into Base asks, merges with worktrees/merge, and names the conflicts when it could not', async () => {
    const { server, ctx } = context([wt]);
    answerMessagesWith(async (_, items) => (items.includes('Merge') ? 'Merge' : undefined));
    server.handlers.set('worktrees/merge', () => ({ merged: false, fastForward: false, conflicts: ['notes.txt'], reason: 'conflicts' }));
    await mergeWorktree(ctx);
    expect(server.requests.find((r) => r.method === 'worktrees/merge')?.params).toEqual({ path: '/r.worktrees/feature', message: 'Claude w (Maestro)' });
    expect(recorded.messages.at(-1)).toMatchObject({ level: 'error' });
    expect(recorded.messages.at(-1)?.text).toContain('Conflicts in notes.txt');

    server.handlers.set('worktrees/merge', () => ({ merged: true, fastForward: true, conflicts: [] }));
    await mergeWorktree(ctx);
    expect(recorded.statusBarMessages.at(-1)?.text).toBe('$(git-merge) Maestro: feature merged (fast-forward)');
  });

  it('Delete Worktree closes the open session with its worktree, after asking; and its branch when asked', async () => {
    const { server, ctx } = context([wt]);
    server.handlers.set('sessions/close', () => ({}));
    answerMessagesWith(async () => undefined);
    expect(await deleteWorktree(ctx)).toBe(false);
    expect(server.requests.map((r) => r.method)).not.toContain('sessions/close');
    answerMessagesWith(async () => 'Delete Worktree');
    expect(await deleteWorktree(ctx)).toBe(true);
    expect(recorded.messages.at(-1)).toMatchObject({ level: 'warning', modal: true, items: ['Delete Worktree', 'Delete Worktree and Branch'] });
    expect(server.requests.at(-1)).toEqual({ method: 'sessions/close', params: { sessionId: 'w', removeWorktree: true } });
    answerMessagesWith(async () => 'Delete Worktree and Branch');
    expect(await deleteWorktree(ctx)).toBe(true);
    expect(server.requests.at(-1)).toEqual({ method: 'sessions/close', params: { sessionId: 'w', removeWorktree: true, deleteBranch: true } });
  });

  it('Delete Worktree and Branch of a closed session removes by path; a dirty one is forced, branch and all, only when asked again', async () => {
    const closed = session('c', { worktree: '/r.worktrees/feature', branch: 'feature', status: 'closed' });
    const { server, ctx } = context([closed]);
    server.handlers.set('worktrees/remove', (params) => {
      if (!(params as { force: boolean }).force) throw Object.assign(new Error('The worktree has changes not committed: a.txt'), { code: -32013 });
      return { path: '/r.worktrees/feature', branch: 'feature', branchDeleted: true };
    });
    await ctx.tracker.refresh();
    answerMessagesWith(async (_, items) => (items.includes('Delete Worktree and Branch') ? 'Delete Worktree and Branch' : undefined));
    expect(await deleteWorktree(ctx, 'c')).toBe(false);
    expect(recorded.messages.at(-1)).toMatchObject({ level: 'error', items: ['Delete Worktree and Branch Anyway'] });
    expect(server.requests.filter((r) => r.method === 'worktrees/remove').map((r) => r.params)).toEqual([{ path: '/r.worktrees/feature', force: false, deleteBranch: true }]);

    answerMessagesWith(async (_, items) => items.find((i) => i === 'Delete Worktree and Branch' || i === 'Delete Worktree and Branch Anyway'));
    expect(await deleteWorktree(ctx, 'c')).toBe(true);
    expect(server.requests.filter((r) => r.method === 'worktrees/remove').map((r) => r.params).slice(1)).toEqual([
      { path: '/r.worktrees/feature', force: false, deleteBranch: true },
      { path: '/r.worktrees/feature', force: true, deleteBranch: true },
    ]);
  });
});

describe('the worktree actions the panel may ask for', () => {
  beforeEach(() => recorded.reset());

  it('run the commands of the same names on the session given (Close as Close Session), and want one', async () => {
    const actions = createHostActions({} as ReviewController, () => undefined);
    await actions.get('host/openWorktreeInNewWindow')!({ sessionId: 'w' });
    await actions.get('host/mergeWorktree')!({ sessionId: 'w' });
    await actions.get('host/deleteWorktree')!({ sessionId: 'w' });
    // The panel's Close of a worktree session: the palette's Close Session, which asks Keep / Delete worktree.
    await actions.get('host/closeSession')!({ sessionId: 'w' });
    expect(recorded.executed).toEqual([
      { command: 'maestro.openWorktreeInNewWindow', args: ['w'] },
      { command: 'maestro.mergeWorktree', args: ['w'] },
      { command: 'maestro.deleteWorktree', args: ['w'] },
      { command: 'maestro.closeSession', args: ['w'] },
    ]);
    await expect(actions.get('host/closeSession')!({})).rejects.toThrow('a sessionId is needed');
    await expect(actions.get('host/mergeWorktree')!({})).rejects.toThrow('a sessionId is needed');
    // One New Session flow: the panel's form, so VS Code offers no host/newSession of its own (quick picks).
    expect([...actions.keys()]).not.toContain('host/newSession');
  });
});

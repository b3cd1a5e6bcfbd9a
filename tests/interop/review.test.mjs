import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freshHome, removeHome, startServer, initializeParams } from './maestro.mjs';
import { agentSandbox } from './agents.mjs';

const git = (cwd, ...args) => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

// The git issue's "done when", by a client that is not ours: create a worktree, edit two separate hunks of a
// file, reject one and accept the other over the protocol; git diff and git diff --cached show exactly that;
// removing the dirty worktree is refused with the dirty paths named.
test('vscode-jsonrpc reviews a worktree hunk by hunk', { timeout: 120000 }, async () => {
  const sandbox = agentSandbox();
  const home = freshHome();
  try {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    writeFileSync(join(sandbox.repo, 'a.txt'), lines.join('\n') + '\n');
    git(sandbox.repo, 'add', 'a.txt');
    git(sandbox.repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'a.txt');

    const server = startServer(home, ['--in-process']);
    const { connection } = server;
    await connection.sendRequest('initialize', initializeParams('interop-review'));
    const worktree = await connection.sendRequest('worktrees/create', { repo: sandbox.repo, branch: 'maestro/review-demo' });
    assert.equal(worktree.branch, 'maestro/review-demo');
    assert.equal(worktree.dirty, false);

    const edited = [...lines];
    edited[2] = 'line 3 REJECT ME';
    edited[24] = 'line 25 ACCEPT ME';
    writeFileSync(join(worktree.path, 'a.txt'), edited.join('\n') + '\n');

    // The user's own edits: only the index review (asked for by name) offers them; the default review offers agent hunks only.
    assert.deepEqual((await connection.sendRequest('review/changes', { cwd: worktree.path })).files, []);
    const changes = await connection.sendRequest('review/changes', { cwd: worktree.path, baseline: 'index' });
    const file = changes.files.find((f) => f.path === 'a.txt');
    assert.equal(file.hunks.length, 2);
    const reject = file.hunks.find((h) => h.lines.some((l) => l.includes('REJECT')));
    const accept = file.hunks.find((h) => h.lines.some((l) => l.includes('ACCEPT')));
    assert.deepEqual(await connection.sendRequest('review/reject', { cwd: worktree.path, hunkIds: [reject.id], baseline: 'index' }), { rejected: 1 });
    assert.deepEqual(await connection.sendRequest('review/stage', { cwd: worktree.path, hunkIds: [accept.id] }), { staged: 1 });

    assert.equal(git(worktree.path, 'diff'), '', 'nothing is left unstaged');
    const cached = git(worktree.path, 'diff', '--cached');
    assert.match(cached, /^\+line 25 ACCEPT ME$/m);
    assert.doesNotMatch(cached, /REJECT/);
    assert.ok(!readFileSync(join(worktree.path, 'a.txt'), 'utf8').includes('REJECT'));

    // A stale hunk id changes nothing and says so.
    await assert.rejects(connection.sendRequest('review/stage', { cwd: worktree.path, hunkIds: [reject.id] }), (e) => e.code === -32014);

    await assert.rejects(connection.sendRequest('worktrees/remove', { path: worktree.path }), (e) => {
      assert.equal(e.code, -32013);
      assert.match(e.message, /a\.txt/);
      assert.ok(e.data.paths.includes('a.txt'));
      return true;
    });

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
    connection.dispose();
  } finally {
    removeHome(home);
    sandbox.dispose();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freshHome, removeHome, startServer, initializeParams, maestroPath } from './maestro.mjs';
import { startModelServer, agentSandbox, configureClaude } from './agents.mjs';

test('vscode-jsonrpc runs a real Claude Code session: tool call, message, resume, history after a daemon restart', { timeout: 240000 }, async () => {
  const model = await startModelServer();
  const sandbox = agentSandbox();
  const home = freshHome();
  try {
    configureClaude(home, sandbox, model.modelUrl);
    let server = startServer(home);
    const events = [];
    server.connection.onNotification('sessions/event', (n) => events.push(n));
    await server.connection.sendRequest('initialize', initializeParams('interop-sessions'));

    const session = await server.connection.sendRequest('sessions/create', { agentId: 'claude-code', cwd: sandbox.repo, permissionMode: 'bypass' });
    assert.equal(session.status, 'idle');

    const target = join(sandbox.repo, 'from-interop.txt');
    await model.enqueueTurn([{ tool: 'Write', args: { file_path: target, content: 'written through maestro\n' } }, { text: 'Wrote **from-interop.txt**.' }]);
    const first = await server.connection.sendRequest('sessions/prompt', { sessionId: session.id, text: 'Write from-interop.txt' });
    assert.equal(first.stopReason, 'endTurn');
    assert.equal(readFileSync(target, 'utf8'), 'written through maestro\n');

    await model.enqueueTurn([{ text: 'Still with you.' }]);
    const second = await server.connection.sendRequest('sessions/prompt', { sessionId: session.id, text: 'Resume please' });
    assert.equal(second.stopReason, 'endTurn');
    const requests = await model.requests();
    assert.ok(requests.filter((r) => r.servedAs === 'Scripted').at(-1).body.includes('Write from-interop.txt'), 'the second turn resumed the conversation');

    const current = await server.connection.sendRequest('sessions/get', { sessionId: session.id });
    const mine = events.filter((e) => e.sessionId === session.id);
    assert.equal(mine.length, current.lastSeq);
    assert.deepEqual(mine.map((e) => e.seq), mine.map((_, i) => i + 1), 'seq numbers are contiguous from 1');
    assert.ok(mine.some((e) => e.event.type === 'toolCall' && e.event.title.includes('from-interop.txt')));
    assert.ok(mine.some((e) => e.event.type === 'message' && e.event.html.includes('<strong>from-interop.txt</strong>')));

    await server.connection.sendRequest('shutdown');
    await server.connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
    server.connection.dispose();

    // Restart the daemon; the events come back from history.
    const stop = spawnSync(maestroPath(), ['daemon', '--stop'], { env: { ...process.env, MAESTRO_HOME: home } });
    assert.equal(stop.status, 0, stop.stderr?.toString());
    server = startServer(home);
    await server.connection.sendRequest('initialize', initializeParams('interop-sessions-2'));
    const replayed = [];
    let after = 0;
    for (;;) {
      const page = await server.connection.sendRequest('sessions/history', { sessionId: session.id, afterSeq: after, limit: 4 });
      replayed.push(...page.events);
      if (!page.hasMore) break;
      after = page.events.at(-1).seq;
    }
    assert.deepEqual(replayed.map((e) => [e.seq, e.event.type]), mine.map((e) => [e.seq, e.event.type]));
    await server.connection.sendRequest('shutdown');
    await server.connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
    server.connection.dispose();
  } finally {
    model.stop();
    removeHome(home);
    sandbox.dispose();
  }
});

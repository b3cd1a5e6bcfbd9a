import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freshHome, removeHome, startServer, initializeParams, maestroPath } from './maestro.mjs';
import { startModelServer, agentSandbox, configureAgent, agents } from './agents.mjs';

// A client that is not ours runs each real agent through the daemon: a tool call and a final message stream in
// with contiguous seq numbers, the file is written, a second prompt resumes the agent's own conversation, and the
// same events come back from sessions/history after the daemon restarted.
for (const agentId of Object.keys(agents)) {
  test(`vscode-jsonrpc runs a real ${agentId} session end to end`, { timeout: 300000 }, async () => {
    const model = await startModelServer();
    const sandbox = agentSandbox();
    const home = freshHome();
    const asked = [];
    const connect = async (name) => {
      const server = startServer(home);
      server.events = [];
      server.connection.onNotification('sessions/event', (n) => server.events.push(n));
      server.connection.onRequest('permissions/request', (request) => {
        asked.push(request);
        return { optionId: request.options.find((o) => o.kind === 'allowOnce').id };
      });
      await server.connection.sendRequest('initialize', { ...initializeParams(name), capabilities: { permissions: true, inlineDiff: true } });
      return server;
    };
    const close = async (server) => {
      await server.connection.sendRequest('shutdown');
      await server.connection.sendNotification('exit');
      assert.equal(await server.exited, 0);
      server.connection.dispose();
    };
    try {
      configureAgent(home, agentId, sandbox, model.modelUrl);
      let server = await connect(`interop-${agentId}`);
      const session = await server.connection.sendRequest('sessions/create', { agentId, cwd: sandbox.repo, permissionMode: agents[agentId].permissionMode });
      assert.equal(session.status, 'idle');

      const target = join(sandbox.repo, 'from-interop.txt');
      await model.enqueueTurn([agents[agentId].writeStep(target, 'written through maestro\n'), { text: 'Wrote **from-interop.txt**.' }]);
      const first = await server.connection.sendRequest('sessions/prompt', { sessionId: session.id, text: 'Write from-interop.txt' });
      assert.equal(first.stopReason, 'endTurn');
      assert.equal(readFileSync(target, 'utf8'), 'written through maestro\n');
      if (agentId.startsWith('acp:')) assert.ok(asked.length > 0, 'the ACP agent asked the editor for permission');

      await model.enqueueTurn([{ text: 'Still with you.' }]);
      const second = await server.connection.sendRequest('sessions/prompt', { sessionId: session.id, text: 'Resume please' });
      assert.equal(second.stopReason, 'endTurn');
      const scripted = (await model.requests()).filter((r) => r.servedAs === 'Scripted');
      assert.ok(scripted.at(-1).body.includes('Write from-interop.txt'), 'the second turn resumed the conversation');

      const current = await server.connection.sendRequest('sessions/get', { sessionId: session.id });
      const mine = server.events.filter((e) => e.sessionId === session.id);
      assert.equal(mine.length, current.lastSeq);
      assert.deepEqual(mine.map((e) => e.seq), mine.map((_, i) => i + 1), 'seq numbers are contiguous from 1');
      assert.ok(mine.some((e) => e.event.type === 'toolCall'));
      assert.ok(mine.some((e) => e.event.type === 'message' && e.event.html.includes('<strong>from-interop.txt</strong>')));
      await close(server);

      const stop = spawnSync(maestroPath(), ['daemon', '--stop'], { env: { ...process.env, MAESTRO_HOME: home } });
      assert.equal(stop.status, 0, stop.stderr?.toString());
      server = await connect(`interop-${agentId}-2`);
      const replayed = [];
      let after = 0;
      for (;;) {
        const page = await server.connection.sendRequest('sessions/history', { sessionId: session.id, afterSeq: after, limit: 4 });
        replayed.push(...page.events);
        if (!page.hasMore) break;
        after = page.events.at(-1).seq;
      }
      assert.deepEqual(replayed.map((e) => [e.seq, e.event.type]), mine.map((e) => [e.seq, e.event.type]));
      await close(server);
    } finally {
      model.stop();
      removeHome(home);
      sandbox.dispose();
    }
  });
}

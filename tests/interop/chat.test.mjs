import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshHome, removeHome, startServer, initializeParams } from './maestro.mjs';
import { startModelServer, agentSandbox, configureAgents } from './agents.mjs';

// Issue 15's "done when", by a client that is not ours: a room with two REAL agent CLIs (Claude Code as @a, Codex
// as @b) against the scripted model server. `@a ...` reaches only a; `@all ...` reaches both, the replies stored in
// order and b's prompt carrying a's reply; a scripted hand-off loop (each reply mentions the other) stops at the
// room's round limit with a system message every client sees.

/** Collects chat notifications and resolves waits on them: conditions, never sleeps. */
function chatWatcher(connection) {
  const messages = [];
  const changes = [];
  const waiters = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.predicate()) {
        waiters.splice(waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve();
      }
    }
  };
  connection.onNotification('chat/message', (n) => { messages.push(n); check(); });
  connection.onNotification('chat/changed', (n) => { changes.push(n.room); check(); });
  const until = (what, predicate, timeoutMs = 150000) => new Promise((resolve, reject) => {
    if (predicate()) { resolve(); return; }
    const waiter = { predicate, resolve };
    waiter.timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(new Error(`timed out waiting for ${what}; messages so far: ${JSON.stringify(messages.map((m) => [m.message.seq, m.message.author, m.message.text]))}`));
    }, timeoutMs);
    waiters.push(waiter);
  });
  /** The room is idle again after the message with seq `postedSeq`, and something answered it. */
  const idleAfter = (roomId, postedSeq) => until(`room ${roomId} idle after seq ${postedSeq}`,
    () => changes.some((r) => r.id === roomId && r.state === 'idle' && r.lastSeq > postedSeq));
  const messagesOf = (roomId) => messages.filter((n) => n.roomId === roomId).map((n) => n.message);
  return { messages, changes, until, idleAfter, messagesOf };
}

async function fullHistory(connection, roomId) {
  const all = [];
  let afterSeq = 0;
  for (;;) {
    const page = await connection.sendRequest('chat/history', { roomId, afterSeq, limit: 3 });
    all.push(...page.messages);
    if (!page.hasMore) return all;
    afterSeq = page.messages.at(-1).seq;
  }
}

test('vscode-jsonrpc runs a group chat of real Claude Code and Codex sessions', { timeout: 600000 }, async () => {
  const model = await startModelServer();
  const sandbox = agentSandbox();
  const home = freshHome();
  let server;
  try {
    configureAgents(home, ['claude-code', 'codex'], sandbox, model.modelUrl);
    server = startServer(home);
    const { connection } = server;
    const watch = chatWatcher(connection);
    connection.onRequest('permissions/request', (request) => ({ optionId: request.options.find((o) => o.kind === 'allowOnce').id }));
    await connection.sendRequest('initialize', initializeParams('interop-chat'));

    const room = await connection.sendRequest('chat/create', {
      name: 'team', cwd: sandbox.repo, maxRounds: 3,
      participants: [{ alias: 'a', agentId: 'claude-code' }, { alias: 'b', agentId: 'codex' }],
    });
    assert.deepEqual(room.participants.map((p) => [p.alias, p.agentId]), [['a', 'claude-code'], ['b', 'codex']]);
    assert.equal(room.state, 'idle');
    // Each participant is an ordinary session, listed like any other.
    const listed = (await connection.sendRequest('sessions/list', {})).sessions.map((s) => s.id);
    for (const p of room.participants) assert.ok(listed.includes(p.sessionId), `session of @${p.alias} is listed`);

    const scripted = async () => (await model.requests()).filter((r) => r.servedAs === 'Scripted');

    // 1. A mention reaches only the mentioned participant.
    await model.enqueueTurn([{ text: 'Plan from a: split the work in two.' }]);
    const first = await connection.sendRequest('chat/post', { roomId: room.id, text: '@a make a plan' });
    await watch.idleAfter(room.id, first.seq);
    assert.deepEqual(watch.messagesOf(room.id).map((m) => [m.author, m.text]), [
      ['user', '@a make a plan'],
      ['a', 'Plan from a: split the work in two.'],
    ]);
    let served = await scripted();
    assert.equal(served.length, 1, 'one scripted model turn for one mention');
    assert.equal(served[0].api, 'AnthropicMessages', "Claude Code (@a) took the turn, Codex (@b) did not");
    assert.ok(served[0].body.includes('@a make a plan'));

    // 2. @all reaches both, in the order of the room; b sees what a said.
    await model.enqueueTurn([{ text: 'a: I take the parser.' }]);
    await model.enqueueTurn([{ text: 'b: I take the tests.' }]);
    const second = await connection.sendRequest('chat/post', { roomId: room.id, text: '@all who takes what?' });
    await watch.idleAfter(room.id, second.seq);
    served = await scripted();
    assert.deepEqual(served.slice(1).map((r) => r.api), ['AnthropicMessages', 'OpenAIResponses']);
    assert.ok(served[2].body.includes('a: I take the parser.'), "b's prompt carries a's reply");
    const history = await fullHistory(connection, room.id);
    assert.deepEqual(history.map((m) => [m.seq, m.author, m.text]), [
      [1, 'user', '@a make a plan'],
      [2, 'a', 'Plan from a: split the work in two.'],
      [3, 'user', '@all who takes what?'],
      [4, 'a', 'a: I take the parser.'],
      [5, 'b', 'b: I take the tests.'],
    ]);
    assert.deepEqual(history[2].mentions, ['a', 'b'], '@all is expanded in the order of the room');

    // 3. Each reply hands the floor to the other: the round limit (3) stops the loop, visibly.
    await model.enqueueTurn([{ text: 'Your turn @b' }]);
    await model.enqueueTurn([{ text: 'No, your turn @a' }]);
    await model.enqueueTurn([{ text: 'Back to you @b' }]);
    await model.enqueueTurn([{ text: 'This turn must never be asked for @a' }]);
    const third = await connection.sendRequest('chat/post', { roomId: room.id, text: '@a start the loop' });
    await watch.idleAfter(room.id, third.seq);
    const loop = (await fullHistory(connection, room.id)).filter((m) => m.seq > third.seq);
    assert.deepEqual(loop.map((m) => m.author), ['a', 'b', 'a', 'system']);
    assert.deepEqual(loop.slice(0, 3).map((m) => m.mentions), [['b'], ['a'], ['b']]);
    assert.match(loop[3].text, /^Round limit reached \(3 rounds for one message\): the hand-off to @b was not sent/);
    assert.ok(watch.messagesOf(room.id).some((m) => m.seq === loop[3].seq && m.author === 'system'), 'the limit was broadcast as chat/message');
    assert.equal((await scripted()).length, 6, 'no fourth turn of the loop reached a model');
    const after = await connection.sendRequest('chat/get', { roomId: room.id });
    assert.equal(after.state, 'idle');
    assert.equal(after.round, 0);
    assert.equal(after.lastSeq, loop.at(-1).seq);
    // While the loop ran, clients saw who was working and the round.
    assert.ok(watch.changes.some((r) => r.id === room.id && r.state === 'working' && r.working.includes('b') && r.round === 2));

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
    server.connection.dispose();
    server = undefined;
  } finally {
    if (server) server.child.kill();
    model.stop();
    removeHome(home);
    sandbox.dispose();
  }
});

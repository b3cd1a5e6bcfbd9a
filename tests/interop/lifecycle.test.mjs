import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-jsonrpc/node.js';
import { freshHome, removeHome, startServer, initializeParams, rawExchange } from './maestro.mjs';

for (const mode of [{ name: 'through the daemon', args: [] }, { name: 'in process', args: ['--in-process'] }]) {
  test(`vscode-jsonrpc drives maestro serve --stdio ${mode.name}`, async () => {
    const home = freshHome();
    try {
      const server = startServer(home, mode.args);
      const { connection } = server;

      const init = await connection.sendRequest('initialize', initializeParams('vscode-jsonrpc-interop'));
      assert.equal(init.serverInfo.name, 'maestro');
      assert.equal(init.protocolVersion, '1.0');
      assert.ok(init.agents.some((a) => a.id === 'claude-code'));

      await assert.rejects(connection.sendRequest('no/such/method', {}), (error) => {
        assert.ok(error instanceof ResponseError);
        assert.equal(error.code, -32601);
        return true;
      });

      // Remote access has landed: off until started.
      assert.equal((await connection.sendRequest('remote/status', {})).running, false);

      // Group chat has landed: chat/list answers, an empty list on a fresh home.
      assert.deepEqual(await connection.sendRequest('chat/list', {}), { rooms: [] });

      if (mode.args.length === 0) {
        // A raw client on the same daemon sends garbage; it gets a parse error and our client is unharmed.
        const reply = await rawExchange(home, Buffer.from('Content-Length: 9\r\n\r\n{garbage}'));
        assert.equal(reply.error.code, -32700);
        assert.equal(reply.id, null);
      }

      const agents = await connection.sendRequest('agents/list');
      assert.ok(Array.isArray(agents.agents));

      assert.equal(await connection.sendRequest('shutdown'), null);
      await connection.sendNotification('exit');
      assert.equal(await server.exited, 0, server.stderr());
      connection.dispose();
    } finally {
      removeHome(home);
    }
  });
}

test('a request before initialize is refused with -32002', async () => {
  const home = freshHome();
  try {
    const server = startServer(home, ['--in-process']);
    await assert.rejects(server.connection.sendRequest('agents/list'), (error) => error.code === -32002);
    await server.connection.sendRequest('initialize', initializeParams('late'));
    await server.connection.sendRequest('shutdown');
    await server.connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
    server.connection.dispose();
  } finally {
    removeHome(home);
  }
});

test('a garbage frame in the middle of a session is answered and the session goes on', async () => {
  const home = freshHome();
  try {
    const server = startServer(home, ['--in-process']);
    await server.connection.sendRequest('initialize', initializeParams('garbage-in-band'));
    // Bytes written beside vscode-jsonrpc's own writer, between two of its messages.
    const errors = [];
    server.connection.onError(([error]) => errors.push(error));
    server.child.stdin.write('Content-Length: 4\r\n\r\n{{{{');
    const agents = await server.connection.sendRequest('agents/list');
    assert.ok(agents.agents.length > 0);
    await server.connection.sendRequest('shutdown');
    await server.connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
    server.connection.dispose();
  } finally {
    removeHome(home);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freshHome, removeHome, maestroPath } from './maestro.mjs';
import { agentSandbox } from './agents.mjs';
import { startAcpAgent, initializeRequest } from './acp.mjs';

// Sign-in as the ACP registry asks of every agent: an `agent` method whose authenticate checks the backend, and a
// `terminal` method (only for clients that run one) whose command line runs the backend's own sign-in. The backend is
// a STAND-IN for Claude Code here: its real `auth login` opens a browser for the vendor's OAuth, a boundary we do not own.
test('ACP SDK: authMethods (agent, and terminal when the client runs one), authenticate, and --sign-in running the backend\'s own sign-in', { timeout: 120000 }, async () => {
  const home = freshHome();
  const sandbox = agentSandbox();
  const standIn = join(sandbox.root, 'claude-signin-standin.sh');
  writeFileSync(standIn, [
    '#!/bin/sh',
    'if [ "$1" = "--version" ]; then echo "2.1.328 (Claude Code)"; exit 0; fi',
    'printf "%s\\n" "$@" > "$SIGNIN_LOG"',
    'exit "${SIGNIN_EXIT:-0}"',
    '',
  ].join('\n'));
  chmodSync(standIn, 0o755);
  writeFileSync(join(home, 'settings.json'), JSON.stringify({ agents: { 'claude-code': { path: standIn } } }));
  let acp;
  try {
    acp = startAcpAgent(home, ['--agent', 'claude-code']);
    const plain = await acp.agent.request('initialize', initializeRequest);
    assert.deepEqual(plain.authMethods.map((m) => m.id), ['maestro-agents'], 'no terminal method for a client that runs none');
    assert.deepEqual(await acp.agent.request('authenticate', { methodId: 'maestro-agents' }), {});
    await assert.rejects(acp.agent.request('authenticate', { methodId: 'maestro-sign-in' }), (e) => e.code === -32602 && /terminal method/.test(e.message));
    await assert.rejects(acp.agent.request('authenticate', { methodId: 'password' }), (e) => e.code === -32602 && /Unknown authentication method 'password'/.test(e.message));
    await acp.close();

    acp = startAcpAgent(home, ['--agent', 'claude-code']);
    const terminal = await acp.agent.request('initialize', { ...initializeRequest, clientCapabilities: { ...initializeRequest.clientCapabilities, auth: { terminal: true } } });
    const signIn = terminal.authMethods.find((m) => m.id === 'maestro-sign-in');
    assert.equal(signIn.type, 'terminal');
    assert.deepEqual(signIn.args, ['--sign-in']);
    const legacy = signIn._meta['terminal-auth'];
    assert.deepEqual(legacy.args.slice(-4), ['acp', '--agent', 'claude-code', '--sign-in'], JSON.stringify(legacy));
    assert.deepEqual(acp.invalid, [], 'every message maestro acp sent is valid against the ACP schema');

    // What the editor's terminal runs: the configured invocation with the method's args appended.
    const log = join(sandbox.root, 'signin.log');
    const run = (extra) => spawnSync(maestroPath(), ['acp', '--agent', 'claude-code', ...signIn.args], { env: { ...process.env, MAESTRO_HOME: home, SIGNIN_LOG: log, ...extra }, input: '', timeout: 60000 });
    const ok = run({});
    assert.equal(ok.status, 0, ok.stderr.toString());
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['auth', 'login']);
    assert.match(ok.stderr.toString(), /is signed in/);
    const failed = run({ SIGNIN_EXIT: '3' });
    assert.equal(failed.status, 3, 'the backend\'s failure is the exit code the editor sees');
    assert.match(failed.stderr.toString(), /ended with exit code 3/);

    // A backend that cannot run: authenticate says so with ACP's auth-required code, --sign-in exits 5.
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ agents: { 'claude-code': { path: join(sandbox.root, 'no-such-claude') } } }));
    spawnSync(maestroPath(), ['daemon', '--stop'], { env: { ...process.env, MAESTRO_HOME: home } });
    await acp.close();
    acp = startAcpAgent(home, ['--agent', 'claude-code']);
    await acp.agent.request('initialize', initializeRequest);
    await assert.rejects(acp.agent.request('authenticate', { methodId: 'maestro-agents' }), (e) => e.code === -32000 && /cannot run here/.test(e.message));
    const missing = run({});
    assert.equal(missing.status, 5, missing.stderr.toString());
  } finally {
    if (acp) await acp.close();
    spawnSync(maestroPath(), ['daemon', '--stop'], { env: { ...process.env, MAESTRO_HOME: home } });
    removeHome(home);
    sandbox.dispose();
  }
});

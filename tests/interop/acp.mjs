// Drives `maestro acp` with the official ACP client SDK, checking every message the agent sends against the JSON
// schema shipped in that package (the schema of the protocol version the SDK speaks).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { ClientApp, ndJsonStream } from '@agentclientprotocol/sdk';
import Ajv2020 from 'ajv/dist/2020.js';
import { maestroPath } from './maestro.mjs';

// The package exports no path to its schema: it is read from where npm installed the package next to this file.
const schemaPath = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '@agentclientprotocol', 'sdk', 'schema', 'v1', 'schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
// The schema's own extension keywords (x-side, x-method, x-deserialize-*) and Rust integer formats are not JSON Schema.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(schema, 'acp');
const def = (name) => {
  const validate = ajv.getSchema(`acp#/$defs/${name}`);
  if (!validate) throw new Error(`the ACP schema has no $defs/${name}`);
  return validate;
};
const whole = ajv.getSchema('acp');
const responses = {
  initialize: def('InitializeResponse'),
  'session/new': def('NewSessionResponse'),
  'session/load': def('LoadSessionResponse'),
  'session/prompt': def('PromptResponse'),
  'session/set_mode': def('SetSessionModeResponse'),
  'session/set_config_option': def('SetSessionConfigOptionResponse'),
};
const sessionNotification = def('SessionNotification');
const permissionRequest = def('RequestPermissionRequest');
const errorObject = def('Error');

/** The schema errors of one message from the agent, given the method of each request the client sent; [] when valid. */
export function schemaErrors(message, sentMethods) {
  const problems = [];
  const check = (validate, value, what) => {
    if (!validate(value)) problems.push(`${what}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(message).slice(0, 400)}`);
  };
  check(whole, message, 'message');
  if (message.jsonrpc !== '2.0') problems.push(`not JSON-RPC 2.0: ${JSON.stringify(message).slice(0, 200)}`);
  if ('method' in message && 'id' in message) {
    if (message.method === 'session/request_permission') check(permissionRequest, message.params, 'session/request_permission');
    else problems.push(`unexpected request ${message.method}`);
  } else if ('method' in message) {
    if (message.method === 'session/update') check(sessionNotification, message.params, 'session/update');
    else problems.push(`unexpected notification ${message.method}`);
  } else if ('error' in message) {
    check(errorObject, message.error, 'error');
  } else {
    const method = sentMethods.get(message.id);
    if (!responses[method]) problems.push(`a result for an unknown request ${message.id} (${method})`);
    else check(responses[method], message.result, `${method} result`);
  }
  return problems;
}

/**
 * Starts `maestro acp ...args` and connects a ClientApp to it. Every message the agent sends is validated first
 * (`invalid` collects the problems); `updates` has every session/update's params, in order.
 */
export function startAcpAgent(home, args, { onPermission } = {}) {
  const child = spawn(maestroPath(), ['acp', ...args], { env: { ...process.env, MAESTRO_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d.toString(); });
  const exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const raw = ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout));
  const sentMethods = new Map();
  const invalid = [];
  const received = [];
  const writer = raw.writable.getWriter();
  const stream = {
    writable: new WritableStream({
      write(message) {
        if ('method' in message && 'id' in message) sentMethods.set(message.id, message.method);
        return writer.write(message);
      },
      close: () => writer.close(),
      abort: (reason) => writer.abort(reason),
    }),
    readable: raw.readable.pipeThrough(new TransformStream({
      transform(message, controller) {
        received.push(message);
        invalid.push(...schemaErrors(message, sentMethods));
        controller.enqueue(message);
      },
    })),
  };
  const updates = [];
  const permissions = [];
  const app = new ClientApp({ name: 'acp-interop' })
    .onNotification('session/update', ({ params }) => { updates.push(params); })
    .onRequest('session/request_permission', async ({ params }) => {
      permissions.push(params);
      return onPermission ? onPermission(params) : { outcome: { outcome: 'cancelled' } };
    });
  const connection = app.connect(stream);
  return {
    child,
    agent: connection.agent,
    updates,
    permissions,
    invalid,
    received,
    stderr: () => stderr,
    async close() {
      connection.close();
      child.stdin.end();
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15000))]);
      if (code === 'timeout') child.kill();
      return code;
    },
  };
}

export const initializeRequest = {
  protocolVersion: 1,
  clientCapabilities: { fs: { readTextFile: false, writeTextFile: false }, terminal: false },
  clientInfo: { name: 'acp-interop', version: '1.0.0' },
};

/** Polls until `condition()` is truthy (no fixed sleeps); throws with `what` after `timeoutMs`. */
export async function waitFor(condition, what, timeoutMs = 120000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

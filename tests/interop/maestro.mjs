// Spawning a real maestro process and talking to it with vscode-jsonrpc: a client that is not ours.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The maestro binary under test: $MAESTRO_BIN, else the published build, else the debug build. */
export function maestroPath() {
  const candidates = [
    process.env.MAESTRO_BIN,
    join(repoRoot, 'artifacts', 'bin', 'maestro'),
    join(repoRoot, 'src', 'Maestro.Server', 'bin', 'Debug', 'net10.0', 'maestro'),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`maestro is not built; looked in ${candidates.join(', ')}. Run ./build.sh first.`);
  return found;
}

/** A fresh MAESTRO_HOME under /tmp (short, for the Unix socket path limit). */
export function freshHome() {
  return mkdtempSync(join(tmpdir(), 'mi-'));
}

export function removeHome(home) {
  spawnSync(maestroPath(), ['daemon', '--stop'], { env: { ...process.env, MAESTRO_HOME: home }, stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
}

/** Spawns `maestro serve --stdio [...extra]` and wires a vscode-jsonrpc connection to it. */
export function startServer(home, extra = []) {
  const child = spawn(maestroPath(), ['serve', '--stdio', ...extra], {
    env: { ...process.env, MAESTRO_HOME: home },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d.toString(); });
  const exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  return { child, connection, exited, stderr: () => stderr };
}

export const initializeParams = (name) => ({
  protocolVersion: '1.0',
  clientInfo: { name, version: '1.0.0' },
  workspaceFolders: [],
  capabilities: { permissions: true, inlineDiff: true },
});

/** Writes raw bytes to a second server process and reads back the first framed reply. */
export function rawExchange(home, bytes) {
  return new Promise((resolveReply, reject) => {
    const child = spawn(maestroPath(), ['serve', '--stdio'], { env: { ...process.env, MAESTRO_HOME: home }, stdio: ['pipe', 'pipe', 'ignore'] });
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => { child.kill(); reject(new Error('no reply to the raw frame')); }, 30000);
    child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const text = buffer.toString('utf8');
      const headerEnd = text.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(text.slice(0, headerEnd))[1]);
      const body = buffer.subarray(Buffer.byteLength(text.slice(0, headerEnd)) + 4);
      if (body.length < length) return;
      clearTimeout(timer);
      child.stdin.end();
      resolveReply(JSON.parse(body.subarray(0, length).toString('utf8')));
    });
    child.stdin.write(bytes);
  });
}

// The "Maestro" output channel is a log channel: each line at its level, so developer timings (the extension's
// `[timing]` marks, the server's `[startup]` trace) show only at Trace, and the server's own levels are kept.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaestroServer } from '../../src/server/maestroServer';
import { RestartPolicy } from '../../src/server/restartPolicy';
import { ServerLogLines, type LogLevel } from '../../src/server/serverLog';
import { StartupTiming } from '../../src/startupTiming';

const extensionSource = readFileSync(resolve(__dirname, '..', '..', 'src', 'extension.ts'), 'utf8');

/** A stand-in `maestro` binary: writes these stderr lines, then never answers initialize. */
function fakeServer(stderr: string[]): string {
  return executable(`#!/bin/sh\nprintf '%s\\n' '${stderr.map((l) => l.replace(/'/g, `'\\''`)).join('\n')}' >&2\ncat >/dev/null\n`);
}

/** A stand-in that answers initialize (LSP framing, as vscode-jsonrpc speaks it) and then exits with code 3. */
function dyingServer(): string {
  return executable(`#!${process.execPath}
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  const header = /Content-Length: (\\d+)\\r\\n\\r\\n/.exec(buffer);
  if (!header || buffer.length < header.index + header[0].length + Number(header[1])) return;
  const request = JSON.parse(buffer.slice(header.index + header[0].length, header.index + header[0].length + Number(header[1])));
  const body = JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { protocolVersion: '1.0', serverInfo: { name: 'maestro', version: '0.0.0' }, capabilities: {} } });
  process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body, () => setTimeout(() => process.exit(3), 50));
});
`);
}

function executable(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'maestro-log-')), 'maestro');
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

function serverWith(path: string, logged: { text: string; level: LogLevel }[], policy?: RestartPolicy): MaestroServer {
  return new MaestroServer({
    locate: () => ({ found: true, path, source: 'setting' }) as ReturnType<ConstructorParameters<typeof MaestroServer>[0]['locate']>,
    env: () => ({ ...process.env }),
    workspaceFolders: () => [],
    clientVersion: '0.0.0',
    log: (text, level = 'info') => logged.push({ text, level }),
    policy,
    exitTimeoutMs: 100,
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the server’s stderr, line by line', () => {
  it('keeps Serilog’s level (without its prefix), puts [startup] timings at trace and a stack under its error', () => {
    const lines = new ServerLogLines();
    const read = (line: string) => lines.read(line);
    expect(read('[INF] Listening')).toEqual({ level: 'info', text: 'Listening' });
    expect(read('[startup]    12.5 ms  host built')).toEqual({ level: 'trace', text: '[startup]    12.5 ms  host built' });
    expect(read('[ERR] Agent crashed')).toEqual({ level: 'error', text: 'Agent crashed' });
    expect(read('   at Maestro.Agents.Run()')).toEqual({ level: 'error', text: '   at Maestro.Agents.Run()' });
    expect(read('[WRN] Slow')).toEqual({ level: 'warn', text: 'Slow' });
    expect(read('[DBG] x')).toEqual({ level: 'debug', text: 'x' });
    expect(read('[VRB] y')).toEqual({ level: 'trace', text: 'y' });
    expect(read('[FTL] z')).toEqual({ level: 'error', text: 'z' });
    expect(read('maestro: the connection to the daemon broke: reset')).toEqual({ level: 'error', text: 'maestro: the connection to the daemon broke: reset' });
  });

  it('a real process’s stderr reaches the log at those levels, with our own notes at info', async () => {
    const logged: { text: string; level: LogLevel }[] = [];
    const path = fakeServer(['[INF] Maestro 1.0 listening', '[startup]    12.5 ms  host built', '[ERR] Agent crashed', '   at Maestro.Foo()']);
    const server = serverWith(path, logged);
    void server.start();
    await waitFor(() => logged.some((l) => l.text.includes('at Maestro.Foo')), 'the stack line');
    await server.dispose();
    expect(logged.slice(0, 5)).toEqual([
      { text: `Starting ${path} serve --stdio (found by setting)`, level: 'info' },
      { text: 'Maestro 1.0 listening', level: 'info' },
      { text: '[startup]    12.5 ms  host built', level: 'trace' },
      { text: 'Agent crashed', level: 'error' },
      { text: '   at Maestro.Foo()', level: 'error' },
    ]);
  });

  it('a server that died is a warning while it is restarted, an error once it is not', async () => {
    const restarting: { text: string; level: LogLevel }[] = [];
    const again = serverWith(dyingServer(), restarting, new RestartPolicy({ initialDelayMs: 60_000, maxDelayMs: 60_000, stableAfterMs: 60_000, maxAttempts: 1 }));
    void again.start();
    await waitFor(() => restarting.some((l) => l.text.includes('restarting in')), 'the restart note');
    expect(restarting.find((l) => l.text.includes('restarting in'))?.level).toBe('warn');
    await again.dispose();

    const stopped: { text: string; level: LogLevel }[] = [];
    const gone = serverWith(dyingServer(), stopped, new RestartPolicy({ initialDelayMs: 1, maxDelayMs: 1, stableAfterMs: 60_000, maxAttempts: 0 }));
    void gone.start();
    await waitFor(() => stopped.some((l) => l.text.includes('kept failing')), 'the give-up note');
    expect(stopped.find((l) => l.text.includes('kept failing'))?.level).toBe('error');
    await gone.dispose();
  });
});

describe('developer timings', () => {
  it('StartupTiming writes its [timing] marks to the sink it is given, once per mark', () => {
    const traced: string[] = [];
    const timing = new StartupTiming((line) => traced.push(line), undefined);
    timing.mark('panel loaded');
    timing.mark('panel loaded');
    expect(traced).toHaveLength(1);
    expect(traced[0]).toMatch(/^\[timing\] activation → panel loaded: \d+ ms$/);
  });

  it('the extension makes the channel a log channel and gives the timings its trace level', () => {
    expect(extensionSource).toContain("vscode.window.createOutputChannel('Maestro', { log: true })");
    expect(extensionSource).toContain('new StartupTiming((line) => output.trace(line))');
    expect(extensionSource).not.toMatch(/appendLine/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { recorded } from '../fakes/vscode';
import type { SessionOutputAppendedNotification, SessionOutputLine, SessionOutputParams, SessionOutputResult } from '../../src/protocol';
import { createHostActions } from '../../src/hostActions';
import { formatTime, SessionOutputChannels } from '../../src/output/sessionOutputChannels';
import type { ReviewController } from '../../src/review/reviewController';
import { waitFor } from '../real/waitFor';
import { FakeRpcClient } from './fakeRpcClient';

// What the real server answers and sends for a session whose agent wrote to stderr (recorded by the C# tests).
const exchanges = join(__dirname, '..', '..', '..', '..', 'tests', 'exchanges');
const recordedOutput = (JSON.parse(readFileSync(join(exchanges, 'sessions-output.json'), 'utf8')) as { request: SessionOutputParams; response: SessionOutputResult });
const recordedAppended = (JSON.parse(readFileSync(join(exchanges, 'sessions-outputAppended.json'), 'utf8')) as { notification: SessionOutputAppendedNotification }).notification;

const at = (second: number) => `2026-03-01T10:00:${String(second).padStart(2, '0')}.000+00:00`;
const line = (seq: number, text = `line ${seq}`): SessionOutputLine => ({ seq, at: at(seq % 60), text });
const written = (l: SessionOutputLine) => `${formatTime(l.at)} ${l.text}`;

/** A server whose kept output a test sets, answering sessions/output as the real one does (afterSeq, truncated). */
function serverWith(kept: () => { lines: SessionOutputLine[]; droppedUpTo?: number }): FakeRpcClient {
  const server = new FakeRpcClient();
  server.handlers.set('sessions/output', (params) => {
    const after = (params as SessionOutputParams).afterSeq ?? 0;
    const { lines, droppedUpTo = 0 } = kept();
    return { lines: lines.filter((l) => l.seq > after), truncated: droppedUpTo > after } satisfies SessionOutputResult;
  });
  return server;
}

const outputRequests = (server: FakeRpcClient) => server.requests.filter((r) => r.method === 'sessions/output').map((r) => r.params);

describe("a session's Output channel", () => {
  beforeEach(() => recorded.reset());

  it('is named after the session, filled from sessions/output and shown; a second Output shows the same channel', async () => {
    const server = new FakeRpcClient();
    server.handlers.set('sessions/output', () => recordedOutput.response);
    const outputs = new SessionOutputChannels(server, (id) => (id === recordedAppended.sessionId ? 'Greeter' : undefined));

    outputs.show(recordedAppended.sessionId);
    await waitFor('the recorded lines', () => recorded.outputChannels[0]?.lines.length === recordedOutput.response.lines.length);

    const channel = recorded.outputChannels[0];
    expect(channel.name).toBe('Maestro: Greeter');
    expect(channel.lines).toEqual(recordedOutput.response.lines.map(written));
    expect(channel.lines.join('\n')).toContain('[redacted]');
    expect(channel.shown).toBe(1);
    expect(outputRequests(server)).toEqual([{ sessionId: recordedAppended.sessionId }]);

    outputs.show(recordedAppended.sessionId);
    expect(recorded.outputChannels).toHaveLength(1);
    expect(channel.shown).toBe(2);
    outputs.dispose();
    expect(channel.disposed).toBe(true);
  });

  it('appends sessions/outputAppended of its session live, each line once, and ignores other sessions', async () => {
    let kept = [line(1), line(2)];
    const server = serverWith(() => ({ lines: kept }));
    const outputs = new SessionOutputChannels(server, () => 'Fixer');
    outputs.show('s_1');
    await waitFor('the kept lines', () => recorded.outputChannels[0]?.lines.length === 2);

    kept = [...kept, line(3), line(4)];
    server.notify('sessions/outputAppended', { sessionId: 's_1', lines: [line(2), line(3)] });
    server.notify('sessions/outputAppended', { sessionId: 's_other', lines: [line(1, 'not mine')] });
    server.notify('sessions/outputAppended', { sessionId: 's_1', lines: [line(4)] });

    expect(recorded.outputChannels[0].lines).toEqual([1, 2, 3, 4].map((n) => written(line(n))));
    expect(recorded.outputChannels).toHaveLength(1);
    outputs.dispose();
  });

  it('holds lines that arrive while sessions/output is read, and writes them after it without repeats', async () => {
    let answer: (result: SessionOutputResult) => void = () => undefined;
    const server = new FakeRpcClient();
    server.handlers.set('sessions/output', () => new Promise<SessionOutputResult>((resolve) => (answer = resolve)));
    const outputs = new SessionOutputChannels(server, () => 'Fixer');
    outputs.show('s_1');
    await waitFor('the request', () => outputRequests(server).length === 1);

    server.notify('sessions/outputAppended', { sessionId: 's_1', lines: [line(3), line(4)] });
    expect(recorded.outputChannels[0].lines).toEqual([]);
    answer({ lines: [line(1), line(2), line(3)], truncated: true });

    await waitFor('every line', () => recorded.outputChannels[0].lines.length === 5);
    expect(recorded.outputChannels[0].lines).toEqual([
      "(earlier lines are not shown: the server keeps each session's latest 2,000 lines)",
      ...[1, 2, 3, 4].map((n) => written(line(n))),
    ]);
    outputs.dispose();
  });

  it('reads the lines it missed when a batch skips some (afterSeq: the last one written)', async () => {
    let kept = [line(1)];
    const server = serverWith(() => ({ lines: kept }));
    const outputs = new SessionOutputChannels(server, () => 'Fixer');
    outputs.show('s_1');
    await waitFor('line 1', () => recorded.outputChannels[0]?.lines.length === 1);

    kept = [line(1), line(2), line(3), line(4)];
    server.notify('sessions/outputAppended', { sessionId: 's_1', lines: [line(4)] });

    await waitFor('the missing lines', () => recorded.outputChannels[0].lines.length === 4);
    expect(recorded.outputChannels[0].lines).toEqual([1, 2, 3, 4].map((n) => written(line(n))));
    expect(outputRequests(server).at(-1)).toEqual({ sessionId: 's_1', afterSeq: 1 });
    outputs.dispose();
  });

  it('says so when the session has no output yet, and goes away when the session is deleted', async () => {
    const server = serverWith(() => ({ lines: [] }));
    const outputs = new SessionOutputChannels(server, () => undefined);
    outputs.show('s_quiet');
    await waitFor('the note', () => recorded.outputChannels[0]?.lines.length === 1);
    expect(recorded.outputChannels[0].name).toBe('Maestro: s_quiet');
    expect(recorded.outputChannels[0].lines[0]).toContain('nothing to stderr yet');

    server.notify('sessions/changed', { session: { id: 's_quiet' }, deleted: true });
    expect(recorded.outputChannels[0].disposed).toBe(true);
    outputs.show('s_quiet');
    expect(recorded.outputChannels).toHaveLength(2);
    outputs.dispose();
  });

  it('after a reconnect goes on with the same server, and starts again after a note with a new one', async () => {
    let kept = [line(1), line(2)];
    const server = serverWith(() => ({ lines: kept }));
    const outputs = new SessionOutputChannels(server, () => 'Fixer');
    outputs.show('s_1');
    const channel = () => recorded.outputChannels[0];
    await waitFor('the kept lines', () => channel()?.lines.length === 2);

    // The same daemon reached again: line 2 is still there as written; line 3 came meanwhile.
    kept = [line(1), line(2), line(3)];
    server.setState('restarting');
    server.setState('ready');
    await waitFor('line 3', () => channel().lines.length === 3);
    expect(channel().lines).toEqual([1, 2, 3].map((n) => written(line(n))));

    // A new server: its output starts again at seq 1, with other lines.
    kept = [line(1, 'fresh 1'), line(2, 'fresh 2')];
    server.setState('restarting');
    server.setState('ready');
    await waitFor('the new server’s lines', () => channel().lines.length === 6);
    expect(channel().lines.slice(3)).toEqual(['(reconnected to the server: its output from here)', written(line(1, 'fresh 1')), written(line(2, 'fresh 2'))]);
    server.notify('sessions/outputAppended', { sessionId: 's_1', lines: [line(3, 'fresh 3')] });
    expect(channel().lines.at(-1)).toBe(written(line(3, 'fresh 3')));
    outputs.dispose();
  });
});

describe('the panel’s Output action', () => {
  it("shows the session's channel when the panel names the session, the Maestro log otherwise (as the palette's Show Output)", async () => {
    const shown: (string | undefined)[] = [];
    const actions = createHostActions({} as ReviewController, (sessionId) => void shown.push(sessionId));
    await actions.get('host/showOutput')!({ sessionId: 's_1' });
    await actions.get('host/showOutput')!(undefined);
    await actions.get('host/showOutput')!({ sessionId: '' });
    expect(shown).toEqual(['s_1', undefined, undefined]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, recorded } from '../fakes/vscode';
import type { Run, RunProgressNotification } from '../../src/protocol';
import { NoticePolicy } from '../../src/status/noticePolicy';
import { RunGateNotices } from '../../src/status/runGateNotices';
import { waitFor } from '../real/waitFor';
import { FakeRpcClient } from './fakeRpcClient';

// What the real server sends when a run reaches a gate (recorded by the C# tests).
const exchange = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'tests', 'exchanges', 'runs-progress-gate.json'), 'utf8')) as { notification: RunProgressNotification };
const gated = exchange.notification;

describe('RunGateNotices', () => {
  beforeEach(() => recorded.reset());

  it('asks once per gate, with the reason and what to look at; Approve calls runs/approve for that run', async () => {
    const server = new FakeRpcClient();
    server.handlers.set('runs/approve', (params) => ({ ...gated.run, status: 'running', gate: undefined, id: (params as { runId: string }).runId }) as Run);
    answerMessagesWith(async () => 'Approve');
    const notices = new RunGateNotices(server, () => undefined);

    server.notify('runs/progress', gated);
    server.notify('runs/progress', gated); // the same gate again (the wait repeats): no second message
    server.notify('runs/progress', { ...gated, event: 'taskDone', run: { ...gated.run, status: 'running', gate: undefined } });

    expect(recorded.messages.map((m) => [m.level, m.text, m.items])).toEqual([
      ['warning', 'Maestro: the run of gated.md needs your approval: Read the draft. Look at DRAFT.md first.', ['Approve', 'Show Run']],
    ]);
    await waitFor('runs/approve', () => server.requests.some((r) => r.method === 'runs/approve'));
    expect(server.requests.filter((r) => r.method === 'runs/approve').map((r) => r.params)).toEqual([{ runId: gated.run.id }]);
    notices.dispose();
  });

  it('says nothing while the Maestro view is on screen: its run card offers Approve', async () => {
    const server = new FakeRpcClient();
    let visible = true;
    const notices = new RunGateNotices(server, () => undefined, new NoticePolicy(() => visible));
    server.notify('runs/progress', gated);
    expect(recorded.messages).toEqual([]);
    visible = false;
    server.notify('runs/progress', { ...gated, run: { ...gated.run, id: 'r_hidden' } });
    expect(recorded.messages).toHaveLength(1);
    notices.dispose();
  });

  it('a new gate of the same run asks again, and Show Run opens the Runs tab without approving', async () => {
    const server = new FakeRpcClient();
    let shown = 0;
    answerMessagesWith(async () => 'Show Run');
    const notices = new RunGateNotices(server, () => shown++);
    server.notify('runs/progress', gated);
    const later = { ...gated.run.gate!, markerLine: 9, since: '2026-12-01T23:40:00+00:00', artifact: undefined, reason: 'Check the release notes' };
    server.notify('runs/progress', { ...gated, run: { ...gated.run, gate: later } });

    expect(recorded.messages.map((m) => m.text)).toEqual([
      'Maestro: the run of gated.md needs your approval: Read the draft. Look at DRAFT.md first.',
      'Maestro: the run of gated.md needs your approval: Check the release notes.',
    ]);
    await waitFor('Show Run twice', () => shown === 2);
    expect(server.requests).toEqual([]);
    notices.dispose();
  });
});

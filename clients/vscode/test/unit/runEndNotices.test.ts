import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, recorded } from '../fakes/vscode';
import type { Run, RunProgressNotification } from '../../src/protocol';
import { RunEndNotices } from '../../src/status/runEndNotices';
import { waitFor } from '../real/waitFor';
import { FakeRpcClient } from './fakeRpcClient';

// A finished run as the real server sends it (recorded by the C# tests), made to fail the way a headless run does.
const exchange = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'tests', 'exchanges', 'runs-progress-finished.json'), 'utf8')) as { notification: RunProgressNotification };
const refusal = "Stalled: the attempt made no progress. The acceptEdits permission mode refused 1 tool call: Bash `make release`. To allow it: run with --permission-mode bypass.";
const failed = (reason: string, outcome: Run['outcome'] = 'taskFailed'): RunProgressNotification => ({
  ...exchange.notification,
  run: { ...exchange.notification.run, status: 'failed', outcome, reason },
});

describe('RunEndNotices', () => {
  beforeEach(() => recorded.reset());

  it('quotes why the run failed, once, and Retry with Bypass starts the same playbook, agent and folder with bypass', async () => {
    const server = new FakeRpcClient();
    server.handlers.set('playbooks/run', () => ({ ...exchange.notification.run, status: 'running' }));
    answerMessagesWith(async () => 'Retry with Bypass');
    let visible = true;
    const notices = new RunEndNotices(server, { showSession: () => undefined, openPlaybook: () => undefined, showRuns: () => undefined, panelVisible: () => visible });
    const event = failed(refusal);

    server.notify('runs/progress', exchange.notification); // a run that finished well says nothing while the panel shows it
    server.notify('runs/progress', { ...event, run: { ...event.run, id: 'r_seen' } }); // nor one that failed: its run card says why
    expect(recorded.messages).toEqual([]);
    visible = false;
    server.notify('runs/progress', event);
    server.notify('runs/progress', event);

    expect(recorded.messages.map((m) => [m.level, m.items])).toEqual([['error', ['Open Transcript', 'Retry with Bypass', 'Open Playbook']]]);
    expect(recorded.messages[0]!.text).toContain('failed: Stalled: the attempt made no progress. The acceptEdits permission mode refused 1 tool call: Bash `make release`.');
    await waitFor('playbooks/run', () => server.requests.length === 1);
    const run = event.run;
    expect(server.requests[0]).toEqual({ method: 'playbooks/run', params: { path: run.playbook, agentId: run.agentId, cwd: run.cwd, permissionMode: 'bypass' } });
    notices.dispose();
  });

  it("Retry with Bypass of an SSH host's run runs it on that host again", async () => {
    const server = new FakeRpcClient();
    server.handlers.set('playbooks/run', () => ({ ...exchange.notification.run, status: 'running' }));
    answerMessagesWith(async () => 'Retry with Bypass');
    const notices = new RunEndNotices(server, { showSession: () => undefined, openPlaybook: () => undefined, showRuns: () => undefined, panelVisible: () => false });
    const event = failed(refusal);
    server.notify('runs/progress', { ...event, run: { ...event.run, host: 'box' } });
    await waitFor('playbooks/run', () => server.requests.length === 1);
    expect(server.requests[0]!.params).toMatchObject({ path: event.run.playbook, permissionMode: 'bypass', host: 'box' });
    notices.dispose();
  });

  it('a failure without a refusal offers the transcript of the last attempt and the playbook, not a bypass', async () => {
    const server = new FakeRpcClient();
    const opened: string[] = [];
    let answer = 'Open Transcript';
    answerMessagesWith(async () => answer);
    const notices = new RunEndNotices(server, { showSession: (id) => opened.push(`session ${id}`), openPlaybook: (r) => opened.push(`file ${r.playbook}`), showRuns: () => opened.push('runs'), panelVisible: () => false });
    const signedOut = failed("'First' was not attempted: Mock model server: HTTP 401 — the agent is not signed in.", 'agentUnavailable');

    server.notify('runs/progress', signedOut);
    await waitFor('the transcript', () => opened.length === 1);
    answer = 'Open Playbook';
    server.notify('runs/progress', { ...signedOut, run: { ...signedOut.run, id: 'r_other' } });
    await waitFor('the playbook', () => opened.length === 2);

    expect(recorded.messages[0]!.items).toEqual(['Open Transcript', 'Open Playbook']);
    expect(opened).toEqual([`session ${signedOut.run.sessionIds.at(-1)}`, `file ${signedOut.run.playbook}`]);
    expect(server.requests).toEqual([]);
    notices.dispose();
  });

  it('a run that ends well is announced only while the panel is hidden, with Show Run', async () => {
    const server = new FakeRpcClient();
    let visible = true;
    let shown = 0;
    answerMessagesWith(async () => 'Show Run');
    const notices = new RunEndNotices(server, { showSession: () => undefined, openPlaybook: () => undefined, showRuns: () => shown++, panelVisible: () => visible });
    const done = exchange.notification;

    server.notify('runs/progress', done);
    expect(recorded.messages).toEqual([]);
    visible = false;
    server.notify('runs/progress', { ...done, run: { ...done.run, id: 'r_hidden' } });
    server.notify('runs/progress', { ...done, run: { ...done.run, id: 'r_hidden' } });

    const run = done.run;
    expect(recorded.messages.map((m) => [m.level, m.text, m.items])).toEqual([
      ['info', `Maestro: the run of ${run.playbook.split('/').at(-1)} finished: ${run.done} of ${run.total} tasks done, $${run.usage.costUsd.toFixed(2)}.`, ['Show Run']],
    ]);
    await waitFor('Show Run', () => shown === 1);
    notices.dispose();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, recorded } from '../fakes/vscode';
import type { Run, RunProgressNotification } from '../../src/protocol';
import { RunFailureNotices } from '../../src/status/runFailureNotices';
import { waitFor } from '../real/waitFor';
import { FakeRpcClient } from './fakeRpcClient';

// A finished run as the real server sends it (recorded by the C# tests), made to fail the way a headless run does.
const exchange = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'tests', 'exchanges', 'runs-progress-finished.json'), 'utf8')) as { notification: RunProgressNotification };
const refusal = "Stalled: the attempt made no progress. The acceptEdits permission mode refused 1 tool call: Bash `make release`. To allow it: run with --permission-mode bypass.";
const failed = (reason: string, outcome: Run['outcome'] = 'taskFailed'): RunProgressNotification => ({
  ...exchange.notification,
  run: { ...exchange.notification.run, status: 'failed', outcome, reason },
});

describe('RunFailureNotices', () => {
  beforeEach(() => recorded.reset());

  it('quotes why the run failed, once, and Retry with Bypass starts the same playbook, agent and folder with bypass', async () => {
    const server = new FakeRpcClient();
    server.handlers.set('playbooks/run', () => ({ ...exchange.notification.run, status: 'running' }));
    answerMessagesWith(async () => 'Retry with Bypass');
    const notices = new RunFailureNotices(server, { showSession: () => undefined, openPlaybook: () => undefined });
    const event = failed(refusal);

    server.notify('runs/progress', event);
    server.notify('runs/progress', event);
    server.notify('runs/progress', exchange.notification); // a run that finished well says nothing

    expect(recorded.messages.map((m) => [m.level, m.items])).toEqual([['error', ['Open Transcript', 'Retry with Bypass', 'Open Playbook']]]);
    expect(recorded.messages[0]!.text).toContain('failed: Stalled: the attempt made no progress. The acceptEdits permission mode refused 1 tool call: Bash `make release`.');
    await waitFor('playbooks/run', () => server.requests.length === 1);
    const run = event.run;
    expect(server.requests[0]).toEqual({ method: 'playbooks/run', params: { path: run.playbook, agentId: run.agentId, cwd: run.cwd, permissionMode: 'bypass' } });
    notices.dispose();
  });

  it('a failure without a refusal offers the transcript of the last attempt and the playbook, not a bypass', async () => {
    const server = new FakeRpcClient();
    const opened: string[] = [];
    let answer = 'Open Transcript';
    answerMessagesWith(async () => answer);
    const notices = new RunFailureNotices(server, { showSession: (id) => opened.push(`session ${id}`), openPlaybook: (file) => opened.push(`file ${file}`) });
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
});

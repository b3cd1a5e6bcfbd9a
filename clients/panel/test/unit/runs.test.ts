// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import type { Run, RunTaskEntry } from '../../../protocol/protocol';
import { bypassRetryParams, offersBypassRetry } from '../../src/state/runText';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const run = (overrides: Partial<Run> = {}): Run => ({
  id: 'r1', playbook: '/work/repo/playbooks/release', agentId: 'claude-code', status: 'running', total: 4, done: 1, failed: 0, loop: 1, loops: 1,
  tasksRun: 2, sessionIds: [], startedAt: '2026-01-01T00:00:00Z', usage: makeSession('x').usage,
  currentTask: { document: 'a.md', line: 3, text: 'Bump the version', attempt: 1 }, ...overrides,
});

const stopButton = (view: HTMLElement): HTMLButtonElement | undefined => [...view.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Stop');

afterEach(() => {
  document.body.innerHTML = '';
});

test('runs: list, live progress, and Stop', async () => {
  const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [run()] }), 'runs/stop': () => null });
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
  await panel.flush();
  const view = (): HTMLElement => panel.root.querySelector('.runs-view')!;
  expect(view().querySelector('.run-progress')?.textContent).toBe('1 of 4 tasks done');
  expect(view().querySelector('.run-task')?.textContent).toBe('Now: Bump the version');
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run({ done: 3, currentTask: { document: 'a.md', line: 9, text: 'Tag it', attempt: 1 } }), event: 'taskStarted' } });
  await panel.flush();
  expect(view().querySelector('.run-progress')?.textContent).toBe('3 of 4 tasks done');
  expect(view().querySelector('.run-task')?.textContent).toBe('Now: Tag it');
  stopButton(view())!.click();
  expect(fake.requests('runs/stop').map((r) => r.params)).toEqual([{ runId: 'r1' }]);
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run({ status: 'stopped', done: 3 }), event: 'finished', message: 'Stopped by the user' } });
  await panel.flush();
  expect(stopButton(view())).toBeUndefined();
  expect(view().textContent).toContain('Stopped by the user');
});

test('runs: a run waiting for the provider says so, keeps its Stop, and goes back to running', async () => {
  const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [run()] }), 'runs/stop': () => null });
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
  await panel.flush();
  const view = (): HTMLElement => panel.root.querySelector('.runs-view')!;
  const waiting = { sessionId: 's1', class: 'availability' as const, reason: '529 Overloaded', since: '2026-01-01T00:01:00Z', nextAt: '2026-01-01T00:03:00Z', attempts: 2 };
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run({ status: 'waiting', waiting }), event: 'waiting', message: 'Waiting for the provider to answer again' } });
  await panel.flush();
  expect(view().querySelector('.status')?.textContent).toBe('waiting for the provider');
  expect(view().querySelector('.run-wait')?.textContent).toMatch(/^Waiting for the provider to answer again \(2 failed sends\); next try at /);
  expect(view().querySelector('.run-task')?.textContent).toBe('Now: Bump the version');
  expect(stopButton(view())).toBeDefined();
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run(), event: 'resumed', message: 'The provider answered again' } });
  await panel.flush();
  expect(view().querySelector('.run-wait')).toBeNull();
  expect(view().querySelector('.status')?.textContent).toBe('running');
});

test('runs: a run at a HITL gate needs approval, opens the artifact, and Approve ticks the task through runs/approve', async () => {
  const gate = { reason: 'Read the draft', artifact: 'DRAFT.md', task: { document: '/work/repo/playbooks/release/a.md', line: 5, text: 'Approve the draft', attempt: 1 }, markerLine: 4, since: '2026-01-01T00:02:00Z' };
  const gated = run({ status: 'waiting', gate, cwd: '/work/repo' });
  const fake = new FakeHost(
    { 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [gated] }), 'runs/approve': () => run({ done: 2, currentTask: { document: 'a.md', line: 6, text: 'Publish', attempt: 1 } }), 'host/openFile': () => null },
  );
  const panel = await mountPanel(fake, hostInfo({ hostActions: ['host/openFile'] }));
  panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
  await panel.flush();
  const view = (): HTMLElement => panel.root.querySelector('.runs-view')!;
  expect(view().querySelector('.status')?.textContent).toBe('needs approval');
  expect(view().querySelector('.status')?.classList.contains('needs-input')).toBe(true);
  expect(view().querySelector('.run-gate-reason')?.textContent).toBe('Needs your approval: Read the draft');
  expect(view().querySelector('.run-gate .hint')?.textContent).toBe('Approving ticks “Approve the draft” (a.md:5); ticking it in the document does the same.');
  const buttons = [...view().querySelectorAll<HTMLButtonElement>('.run-gate button')];
  expect(buttons.map((b) => b.textContent)).toEqual(['Open DRAFT.md', 'Approve']);
  buttons[0]!.click();
  expect(fake.requests('host/openFile').map((r) => r.params)).toEqual([{ cwd: '/work/repo', path: 'DRAFT.md' }]);
  buttons[1]!.click();
  await panel.flush();
  expect(fake.requests('runs/approve').map((r) => r.params)).toEqual([{ runId: 'r1' }]);
  expect(view().querySelector('.run-gate')).toBeNull();
  expect(view().querySelector('.status')?.textContent).toBe('running');
  expect(view().querySelector('.run-task')?.textContent).toBe('Now: Publish');
});

test('runs: without a host that opens files the gate names its artifact, and Approve is still there', async () => {
  const gate = { reason: 'Check the screenshots', artifact: 'shots/', task: { document: 'b.md', line: 2, text: 'Looks right', attempt: 1 }, markerLine: 1, since: '2026-01-01T00:02:00Z' };
  const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [run({ status: 'waiting', gate })] }) });
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
  await panel.flush();
  const card = panel.root.querySelector('.run-gate')!;
  expect(card.textContent).toContain('Look at: shots/');
  expect([...card.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Approve']);
});

test('runs: Retry with Bypass is offered only when the failure names refused tool calls (the rule of the editors’ notices)', () => {
  const refused = 'The acceptEdits permission mode refused 1 tool call: Bash `make release`. Allow it with --permission-mode bypass.';
  expect(offersBypassRetry(run({ status: 'failed', outcome: 'taskFailed', reason: `'Ship it' is still unchecked. ${refused}` }))).toBe(true);
  expect(offersBypassRetry(run({ status: 'failed', outcome: 'agentUnavailable', reason: refused }))).toBe(true);
  expect(offersBypassRetry(run({ status: 'failed', outcome: 'taskFailed', reason: 'Stalled: the attempt made no progress.' }))).toBe(false);
  expect(offersBypassRetry(run({ status: 'failed', outcome: 'taskFailed' }))).toBe(false);
  // Ended otherwise (stopped, halted, out of budget): not a failure the mode caused, even if the words appear.
  expect(offersBypassRetry(run({ status: 'stopped', outcome: 'stopped', reason: refused }))).toBe(false);
  expect(offersBypassRetry(run({ status: 'failed', outcome: 'budgetExceeded', reason: refused }))).toBe(false);
  expect(bypassRetryParams(run({ cwd: '/work/repo', host: 'gpu' }))).toEqual({ path: '/work/repo/playbooks/release', agentId: 'claude-code', permissionMode: 'bypass', cwd: '/work/repo', host: 'gpu' });
});

test('runs: a failed run’s card offers Retry with Bypass, explained, which starts the run again in bypass and opens it', async () => {
  const reason = "'Ship it' (line 3 of a.md) is still unchecked: the agent ended its turn without checking the box. The acceptEdits permission mode refused 1 tool call: Bash `make release`.";
  const failed = run({ status: 'failed', outcome: 'taskFailed', reason, cwd: '/work/repo', currentTask: undefined, sessionIds: ['s1'] });
  const again = run({ id: 'r2', currentTask: undefined });
  const fake = new FakeHost({
    'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [failed, run({ id: 'r3', status: 'failed', outcome: 'taskFailed', reason: 'Stalled.' })] }),
    'playbooks/run': () => again, 'runs/tasks': () => ({ runId: 'r2', tasks: [] }),
  });
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
  await panel.flush();
  const retries = [...panel.root.querySelectorAll<HTMLButtonElement>('.runs-view button')].filter((b) => b.textContent === 'Retry with Bypass');
  expect(retries).toHaveLength(1); // the stalled run's card has none
  expect(retries[0]!.closest('[data-run-id]')?.getAttribute('data-run-id')).toBe('r1');
  expect(retries[0]!.title).toMatch(/Bypass mode: agents do everything without asking, shell commands included/);
  retries[0]!.click();
  await panel.flush();
  expect(fake.requests('playbooks/run').map((r) => r.params)).toEqual([{ path: '/work/repo/playbooks/release', agentId: 'claude-code', permissionMode: 'bypass', cwd: '/work/repo' }]);
  expect(panel.root.querySelector('.run-page')?.getAttribute('aria-label')).toBe('Run release');
  expect(fake.requests('runs/tasks').map((r) => r.params)).toEqual([{ runId: 'r2' }]);
});

test('runs: the run page lists every task from runs/tasks, each attempt opening its session, and asks again on progress', async () => {
  const doc = '/work/repo/playbooks/release/01-ship.md';
  let answer: RunTaskEntry[] = [
    { document: doc, line: 3, text: 'Bump the version', state: 'done', attempts: [{ attempt: 1, loop: 1, sessionId: 's1' }] },
    { document: doc, line: 4, text: 'Tag it', state: 'running', attempts: [{ attempt: 1, loop: 1, sessionId: 's2', message: 'still unchecked' }, { attempt: 2, loop: 1, sessionId: 's3' }] },
    { document: doc, line: 5, text: 'Publish', state: 'pending', attempts: [] },
  ];
  const fake = new FakeHost({
    'sessions/list': () => ({ sessions: [makeSession('s1'), makeSession('s2'), makeSession('s3')] }), 'agents/list': () => ({ agents: [] }),
    'runs/list': () => ({ runs: [run()] }), 'runs/tasks': () => ({ runId: 'r1', tasks: answer }), 'sessions/history': () => ({ events: [] }),
  });
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
  await panel.flush();
  panel.root.querySelector<HTMLButtonElement>('.run-open')!.click();
  await panel.flush();
  const rows = (): HTMLElement[] => [...panel.root.querySelectorAll<HTMLElement>('.run-tasks li')];
  expect(rows().map((r) => r.dataset.state)).toEqual(['done', 'running', 'pending']);
  expect(rows().map((r) => r.querySelector('.run-task-state')?.textContent)).toEqual(['done', 'running now', 'pending']);
  expect(rows()[2]!.querySelector('button')).toBeNull(); // never given to an agent: no session
  expect(rows()[2]!.textContent).toContain('01-ship.md:5');
  expect([...rows()[1]!.querySelectorAll('.run-task-attempts button')].map((b) => b.textContent)).toEqual(['try 1', 'try 2']);

  answer = [answer[0]!, { ...answer[1]!, state: 'done' }, { ...answer[2]!, state: 'running', attempts: [{ attempt: 1, loop: 1, sessionId: 's4' }] }];
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run({ done: 2 }), event: 'taskStarted' } });
  await panel.flush();
  await panel.flush();
  expect(fake.requests('runs/tasks')).toHaveLength(2);
  expect(rows().map((r) => r.dataset.state)).toEqual(['done', 'done', 'running']);

  rows()[1]!.querySelector<HTMLButtonElement>('.run-task-attempts button')!.click();
  await panel.flush();
  expect(panel.root.querySelector('.session-title')?.textContent).toContain(makeSession('s2').name);
});

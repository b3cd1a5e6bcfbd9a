// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import type { Run } from '../../../protocol/protocol';
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

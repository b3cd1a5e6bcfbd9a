// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import type { Run } from '../../../protocol/protocol';
import { FakeHost, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const run = (overrides: Partial<Run> = {}): Run => ({
  id: 'r1', playbook: '/work/repo/playbooks/release', agentId: 'claude-code', status: 'running', total: 4, done: 1, failed: 0, loop: 1, loops: 1,
  tasksRun: 2, sessionIds: [], startedAt: '2026-01-01T00:00:00Z', usage: makeSession('x').usage,
  currentTask: { document: 'a.md', line: 3, text: 'Bump the version', attempt: 1 }, ...overrides,
});

afterEach(() => {
  document.body.innerHTML = '';
});

test('runs: list, live progress, and Stop', async () => {
  const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [run()] }), 'runs/stop': () => null });
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
  await panel.flush();
  const view = (): HTMLElement => panel.root.querySelector('.runs-view')!;
  expect(view().querySelector('.session-meta')?.textContent).toContain('task 2 of 4');
  expect(view().querySelector('.run-task')?.textContent).toBe('Now: Bump the version');
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run({ done: 3, currentTask: { document: 'a.md', line: 9, text: 'Tag it', attempt: 1 } }), event: 'taskStarted' } });
  await panel.flush();
  expect(view().querySelector('.session-meta')?.textContent).toContain('task 4 of 4');
  expect(view().querySelector('.run-task')?.textContent).toBe('Now: Tag it');
  view().querySelector<HTMLButtonElement>('button')!.click();
  expect(fake.requests('runs/stop').map((r) => r.params)).toEqual([{ runId: 'r1' }]);
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run({ status: 'stopped', done: 3 }), event: 'finished', message: 'Stopped by the user' } });
  await panel.flush();
  expect(view().querySelector('button')).toBeNull();
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
  expect(view().querySelector<HTMLButtonElement>('button')?.textContent).toBe('Stop');
  fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run(), event: 'resumed', message: 'The provider answered again' } });
  await panel.flush();
  expect(view().querySelector('.run-wait')).toBeNull();
  expect(view().querySelector('.status')?.textContent).toBe('running');
});

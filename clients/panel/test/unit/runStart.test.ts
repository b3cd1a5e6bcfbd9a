// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import type { AgentInfo, PlaybookInfo, Run } from '../../../protocol/protocol';
import { initialChoice, parseLimit, playbookFor, runParams, shellRefusalWarning } from '../../src/state/runStart';
import { formatDuration, runDuration, runProgress, runTitle } from '../../src/state/runText';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const agent = (id: string, name: string, available = true): AgentInfo => ({ id, name, kind: 'native', available, command: id });
const agents = [agent('claude-code', 'Claude Code'), agent('codex', 'Codex'), agent('gemini', 'Gemini CLI', false)];
const playbook = (overrides: Partial<PlaybookInfo> = {}): PlaybookInfo => ({
  path: '/work/repo/.maestro/playbooks/release', name: 'release',
  documents: [{ path: '/work/repo/.maestro/playbooks/release/01-build.md', total: 3, done: 1 }, { path: '/work/repo/.maestro/playbooks/release/02-ship.md', total: 2, done: 0 }],
  ...overrides,
});
const run = (overrides: Partial<Run> = {}): Run => ({
  id: 'r1', playbook: '/work/repo/playbooks/notes.md', agentId: 'claude-code', status: 'running', total: 4, done: 1, failed: 0, loop: 1, loops: 1,
  tasksRun: 2, sessionIds: [], startedAt: '2026-01-01T10:00:00Z', usage: makeSession('x').usage, ...overrides,
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the start-a-run rules', () => {
  test('the playbook’s own settings win over the editor’s defaults, which win over the first installed agent and acceptEdits', () => {
    const own = playbook({ defaults: { agentId: 'codex', permissionMode: 'bypass', loops: 2, worktree: 'nightly', budget: { maxTasks: 5 } } });
    expect(initialChoice(own, agents, { defaultAgent: 'claude-code', defaultPermissionMode: 'ask' })).toEqual({
      playbook: own.path, agentId: 'codex', permissionMode: 'bypass', worktree: 'nightly', loops: 2, budget: { maxTasks: 5 },
    });
    expect(initialChoice(playbook(), agents, { defaultAgent: 'codex', defaultPermissionMode: 'ask' })).toMatchObject({ agentId: 'codex', permissionMode: 'ask' });
    // A playbook's agent that is not installed is not preselected.
    expect(initialChoice(playbook({ defaults: { agentId: 'gemini' } }), agents)).toMatchObject({ agentId: 'claude-code', permissionMode: 'acceptEdits' });
  });

  test('acceptEdits warns that shell commands will be refused, except for Codex (its sandbox runs them)', () => {
    expect(shellRefusalWarning(agents[0], 'acceptEdits')).toMatch(/^Claude Code runs shell commands .* only when allowed: in Accept edits they are refused/);
    expect(shellRefusalWarning(agents[0], 'bypass')).toBeUndefined();
    expect(shellRefusalWarning(agents[1], 'acceptEdits')).toBeUndefined();
    expect(shellRefusalWarning(undefined, 'acceptEdits')).toBeUndefined();
  });

  test('limits: empty is none, anything but a number above 0 is named', () => {
    expect(parseLimit(' ', 'Loops', true)).toBeUndefined();
    expect(parseLimit('3', 'Loops', true)).toBe(3);
    expect(parseLimit('0.5', 'Max cost', false)).toBe(0.5);
    expect(parseLimit('1.5', 'Loops', true)).toEqual({ error: 'Loops must be a whole number above 0 (or empty).' });
    expect(parseLimit('-2', 'Max cost', false)).toEqual({ error: 'Max cost must be a number above 0 (or empty).' });
  });

  test('a host’s path picks that playbook, the one holding that document, or the first inside that folder', () => {
    const folder = playbook();
    const single = playbook({ path: '/work/repo/playbooks/notes.md', name: 'notes', documents: [{ path: '/work/repo/playbooks/notes.md', total: 1, done: 0 }] });
    const all = [folder, single];
    expect(playbookFor(all, '/work/repo/playbooks/notes.md')).toBe(single);
    expect(playbookFor(all, '/work/repo/.maestro/playbooks/release/02-ship.md')).toBe(folder);
    expect(playbookFor(all, '/work/repo/.maestro/playbooks/release/')).toBe(folder);
    expect(playbookFor(all, '/work/repo/.maestro/playbooks/release/images/shot.png')).toBe(folder);
    expect(playbookFor(all, '/work/repo/.maestro')).toBe(folder);
    expect(playbookFor(all, '/work/other')).toBeUndefined();
    expect(playbookFor(all, undefined)).toBeUndefined();
  });

  test('the request carries only what was set', () => {
    expect(runParams({ playbook: '/p', agentId: 'codex', permissionMode: 'acceptEdits', worktree: '  ', budget: {} })).toEqual({ path: '/p', agentId: 'codex', permissionMode: 'acceptEdits' });
    expect(runParams({ playbook: '/p', agentId: 'codex', permissionMode: 'bypass', worktree: 'b1', loops: 2, budget: { maxTasks: 3, maxCostUsd: undefined } }))
      .toEqual({ path: '/p', agentId: 'codex', permissionMode: 'bypass', worktree: { branch: 'b1' }, loops: 2, budget: { maxTasks: 3 } });
  });
});

describe('a run in words', () => {
  test('one progress figure, the name without .md, the duration', () => {
    expect(runTitle(run())).toBe('notes');
    expect(runProgress(run())).toBe('1 of 4 tasks done');
    expect(runProgress(run({ failed: 1, loops: 3, loop: 2 }))).toBe('1 of 4 tasks done, 1 failed · loop 2 of 3');
    expect(runDuration(run(), new Date('2026-01-01T10:03:05Z'))).toBe('3m 05s');
    // An ended run's duration stops at its end.
    expect(runDuration(run({ status: 'done', endedAt: '2026-01-01T10:00:42Z' }), new Date('2026-01-02T00:00:00Z'))).toBe('42s');
    expect(formatDuration(2 * 3_600_000 + 4 * 60_000)).toBe('2h 04m');
  });
});

describe('the Playbook runs tab', () => {
  const answers = (runs: Run[] = []) => ({
    'sessions/list': () => ({ sessions: [makeSession('t1', { name: 'notes: Write the intro', status: 'closed' }), makeSession('t2', { name: 'notes: Fix the typo' })] }),
    'agents/list': () => ({ agents }),
    'runs/list': () => ({ runs }),
    'playbooks/list': () => ({ playbooks: [playbook({ error: 'broken.md:3: unknown key' , path: '/work/repo/playbooks/broken', name: 'broken', documents: [] }), playbook({ defaults: { permissionMode: 'bypass' } }), playbook({ path: '/work/repo/playbooks/notes.md', name: 'notes', documents: [{ path: '/work/repo/playbooks/notes.md', total: 2, done: 0 }], warnings: [{ document: '/work/repo/playbooks/notes.md', line: 4, message: 'reads as a step only a person can do' }] })] }),
    'playbooks/run': (params: unknown) => run({ playbook: (params as { path: string }).path, done: 0, total: 2, sessionIds: [] }),
  });

  test('the empty state’s Start opens the start screen: playbooks with progress, the playbook’s mode preselected, the warning follows agent and mode', async () => {
    const fake = new FakeHost(answers());
    const panel = await mountPanel(fake, hostInfo({ hostActions: ['host/openFile'] }));
    panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
    await panel.flush();
    const view = (): HTMLElement => panel.root.querySelector('.runs-view')!;
    expect(panel.root.querySelector('#tab-runs')!.textContent).toBe('Playbook runs');
    expect(view().textContent).toContain('No Playbook runs yet.');
    [...view().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Start a run…')!.click();
    await panel.flush();
    expect(fake.requests('playbooks/list').map((r) => r.params)).toEqual([{ cwd: '/work/repo' }]);
    const form = (): HTMLFormElement => view().querySelector('form[aria-label="Start a Playbook run"]')!;
    const options = [...form().querySelectorAll<HTMLOptionElement>('select[name="playbook"] option')].map((o) => o.textContent);
    expect(options).toEqual(['release (1 of 5 tasks done)', 'broken (cannot run)', 'notes (0 of 2 tasks done)']);
    // The first runnable playbook is picked, its documents listed, its own mode preselected and said to be its own.
    expect(form().querySelector<HTMLSelectElement>('select[name="playbook"]')!.value).toBe('/work/repo/.maestro/playbooks/release');
    expect([...form().querySelectorAll('.playbook-documents li')].map((li) => li.textContent)).toEqual(['01-build.md 1 of 3 tasks done', '02-ship.md 0 of 2 tasks done']);
    expect(form().querySelector<HTMLInputElement>('input[value="bypass"]')!.checked).toBe(true);
    expect(form().textContent).toContain('Bypass (allow everything) is preselected: from the playbook’s settings.');
    expect(form().querySelectorAll('.run-mode')).toHaveLength(3);
    const warning = (): HTMLElement => form().querySelector('.run-warning[role="status"]')!;
    expect(warning().hidden).toBe(true);
    // Accept edits with Claude Code: the warning; with Codex: none.
    const acceptEdits = form().querySelector<HTMLInputElement>('input[value="acceptEdits"]')!;
    acceptEdits.checked = true;
    acceptEdits.dispatchEvent(new Event('change'));
    expect(warning().hidden).toBe(false);
    expect(warning().textContent).toMatch(/^Claude Code runs shell commands/);
    const agentSelect = form().querySelector<HTMLSelectElement>('select[name="agent"]')!;
    agentSelect.value = 'codex';
    agentSelect.dispatchEvent(new Event('change'));
    expect(warning().hidden).toBe(true);
    // A document opens in the editor.
    form().querySelector<HTMLButtonElement>('.playbook-documents button')!.click();
    expect(fake.requests('host/openFile').map((r) => r.params)).toEqual([{ path: '/work/repo/.maestro/playbooks/release/01-build.md' }]);
    // A playbook that cannot run says why, and cannot be started.
    const select = form().querySelector<HTMLSelectElement>('select[name="playbook"]')!;
    select.value = '/work/repo/playbooks/broken';
    select.dispatchEvent(new Event('change'));
    expect(form().textContent).toContain('Cannot run: broken.md:3: unknown key');
    expect(form().querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    // Another one: its warnings, and the editor's default mode (none here: acceptEdits).
    select.value = '/work/repo/playbooks/notes.md';
    select.dispatchEvent(new Event('change'));
    expect(form().textContent).toContain('notes.md:4: reads as a step only a person can do');
    expect(form().querySelector<HTMLInputElement>('input[value="acceptEdits"]')!.checked).toBe(true);
  });

  test('Start sends playbooks/run with the choices and opens the run’s page; a bad limit is named and nothing is sent', async () => {
    const fake = new FakeHost(answers());
    const panel = await mountPanel(fake);
    panel.app.showStartRun('/work/repo/playbooks/notes.md');
    await panel.flush();
    const form = panel.root.querySelector<HTMLFormElement>('form[aria-label="Start a Playbook run"]')!;
    expect(form.querySelector<HTMLSelectElement>('select[name="playbook"]')!.value).toBe('/work/repo/playbooks/notes.md');
    form.querySelector<HTMLInputElement>('input[value="bypass"]')!.checked = true;
    form.querySelector<HTMLInputElement>('input[name="worktree"]')!.value = 'notes-run';
    form.querySelector<HTMLInputElement>('input[name="loops"]')!.value = '0';
    form.requestSubmit();
    await panel.flush();
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('Loops must be a whole number above 0 (or empty).');
    expect(fake.requests('playbooks/run')).toEqual([]);
    form.querySelector<HTMLInputElement>('input[name="loops"]')!.value = '2';
    form.querySelector<HTMLInputElement>('input[name="maxCost"]')!.value = '1.5';
    form.requestSubmit();
    await panel.flush();
    expect(fake.requests('playbooks/run').map((r) => r.params)).toEqual([
      { path: '/work/repo/playbooks/notes.md', agentId: 'claude-code', permissionMode: 'bypass', worktree: { branch: 'notes-run' }, loops: 2, budget: { maxCostUsd: 1.5 } },
    ]);
    expect(panel.root.querySelector('.run-page')?.getAttribute('aria-label')).toBe('Run notes');
    expect(panel.root.querySelector('.run-page')!.textContent).toContain('No task has started yet.');
  });

  test('a run card opens the run’s page: its tasks, the current one marked, each opening its session', async () => {
    const live = run({ sessionIds: ['t1', 't2'], done: 1, currentTask: { document: '/work/repo/playbooks/notes.md', line: 3, text: 'Fix the typo', attempt: 1, sessionId: 't2' } });
    const fake = new FakeHost({ ...answers([live]), 'sessions/history': () => ({ events: [], hasMore: false }) });
    const panel = await mountPanel(fake);
    panel.root.querySelector<HTMLElement>('#tab-runs')!.click();
    await panel.flush();
    const card = panel.root.querySelector<HTMLElement>('[data-run-id="r1"]')!;
    expect(card.querySelector('.session-meta')!.textContent).toMatch(/^claude-code · started .+ · \d+h \d\dm · \$0\.25$/);
    card.querySelector<HTMLButtonElement>('.run-open')!.click();
    await panel.flush();
    const rows = [...panel.root.querySelectorAll<HTMLElement>('.run-task-row')];
    expect(rows.map((r) => r.querySelector('button')!.textContent)).toEqual(['Write the intro', 'Fix the typo']);
    expect(rows[1]!.classList.contains('run-task-current')).toBe(true);
    expect(rows[0]!.querySelector('.meta')!.textContent).toBe('Closed · $0.25');
    // Progress keeps the page, and it follows.
    fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: { ...live, done: 2 }, event: 'taskDone' } });
    await panel.flush();
    expect(panel.root.querySelector('.run-page .run-progress')!.textContent).toBe('2 of 4 tasks done');
    rows[0]!.querySelector('button')!.click();
    await panel.flush();
    expect(panel.app.currentPage).toEqual({ kind: 'session', id: 't1' });
    expect(panel.root.querySelector('#tab-sessions')!.getAttribute('aria-selected')).toBe('true');
  });

  test('the start screen offers the SSH hosts: one lists its default folder there and Start runs the playbook on it', async () => {
    const remote = playbook({ path: '/srv/app/.maestro/playbooks/nightly', name: 'nightly', documents: [{ path: '/srv/app/.maestro/playbooks/nightly/01.md', total: 1, done: 0 }] });
    const fake = new FakeHost({
      ...answers(),
      'hosts/list': () => ({ hosts: [{ name: 'gpu', destination: 'me@gpu', options: [], env: {}, folder: '/srv/app', warnings: [], createdAt: '2026-01-01T00:00:00Z', state: 'online' }] }),
      'playbooks/list': (params: unknown) => ((params as { host?: string }).host ? { playbooks: [remote] } : answers()['playbooks/list']()),
    });
    const panel = await mountPanel(fake);
    fake.deliver({ kind: 'showStartRun' });
    await panel.flush();
    const form = (): HTMLFormElement => panel.root.querySelector('form[aria-label="Start a Playbook run"]')!;
    const hostSelect = (): HTMLSelectElement => form().querySelector<HTMLSelectElement>('select[name="host"]')!;
    expect([...hostSelect().options].map((o) => o.textContent)).toEqual(['This machine', 'gpu (online)']);
    expect(hostSelect().value).toBe('');
    hostSelect().value = 'gpu';
    hostSelect().dispatchEvent(new Event('change'));
    await panel.flush();
    expect(fake.requests('playbooks/list').at(-1)!.params).toEqual({ cwd: '/srv/app', host: 'gpu' });
    expect(hostSelect().value).toBe('gpu');
    expect(form().querySelector<HTMLInputElement>('input[name="hostFolder"]')!.value).toBe('/srv/app');
    expect([...form().querySelectorAll<HTMLOptionElement>('select[name="playbook"] option')].map((o) => o.value)).toEqual([remote.path]);
    form().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await panel.flush();
    expect(fake.requests('playbooks/run').map((r) => r.params)).toEqual([{ path: remote.path, agentId: 'claude-code', permissionMode: 'acceptEdits', host: 'gpu', cwd: '/srv/app' }]);

    // Back to this machine: its folders' playbooks again, and a run there carries no host.
    fake.deliver({ kind: 'showStartRun' });
    await panel.flush();
    expect(fake.requests('playbooks/list').at(-1)!.params).toEqual({ cwd: '/work/repo' });
    expect(hostSelect().value).toBe('');
  });

  test('the host’s showStartRun opens the start screen with that playbook', async () => {
    const fake = new FakeHost(answers());
    const panel = await mountPanel(fake);
    fake.deliver({ kind: 'showStartRun', playbook: '/work/repo/playbooks/notes.md' });
    await panel.flush();
    expect(panel.root.querySelector('#tab-runs')!.getAttribute('aria-selected')).toBe('true');
    expect(panel.root.querySelector<HTMLSelectElement>('select[name="playbook"]')!.value).toBe('/work/repo/playbooks/notes.md');
  });
});

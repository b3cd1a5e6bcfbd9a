// @vitest-environment happy-dom
// The Sessions tab's list as issue 22 asks: grouped by repository, a run's task sessions under the run's row, a
// filter with Hide closed and Show archived, relative times, Archive, and Delete in two clicks for closed sessions;
// a session deleted in another client leaves the list.
import { afterEach, describe, expect, test } from 'vitest';
import type { Run, Session } from '../../../protocol/protocol';
import { arrangeSessions, noFilter, relativeTime } from '../../src/state/sessionGroups';
import { formatCost } from '../../src/views/format';
import { FakeHost, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const run = (overrides: Partial<Run> = {}): Run => ({
  id: 'r_1', playbook: '/work/repo/playbooks/nightly/playbook.yaml', agentId: 'claude-code', status: 'running', total: 3, done: 1, failed: 0, loop: 1,
  sessionIds: ['t1', 't2'], startedAt: '2026-01-01T00:00:00Z', usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 }, loops: 1, tasksRun: 2,
  ...overrides,
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('arrangeSessions', () => {
  const sessions: Session[] = [
    makeSession('a', { name: 'Alpha' }),
    makeSession('t2', { name: 'Task 2' }),
    makeSession('o', { name: 'Other repo', cwd: '/work/other' }),
    makeSession('t1', { name: 'Task 1' }),
    makeSession('c', { name: 'Closed one', status: 'closed' }),
    makeSession('z', { name: 'Put away', archived: true }),
  ];

  test('groups by folder in list order and nests a run’s task sessions under one run row', () => {
    const { groups, hidden } = arrangeSessions(sessions, [run()], noFilter);
    expect(groups.map((g) => g.label)).toEqual(['repo', 'other']);
    expect(groups[0]!.entries.map((e) => (e.kind === 'run' ? `run:${e.sessions}` : `${e.session.id}${e.nested ? '>' : ''}`))).toEqual(['a', 'run:2', 't2>', 't1>', 'c']);
    expect(hidden).toBe(1); // the archived one
  });

  test('filters by text, hides closed, shows archived when asked', () => {
    const names = (filter = noFilter) => arrangeSessions(sessions, [], filter).groups.flatMap((g) => g.entries.flatMap((e) => (e.kind === 'session' ? [e.session.name] : [])));
    expect(names({ ...noFilter, text: 'OTHER' })).toEqual(['Other repo']);
    expect(names({ ...noFilter, hideClosed: true })).not.toContain('Closed one');
    expect(names({ ...noFilter, showArchived: true })).toContain('Put away');
    expect(names()).not.toContain('Put away');
  });

  test('sessions on a host are grouped apart, and other repositories after the workspace’s', () => {
    const list = [
      makeSession('x', { cwd: '/elsewhere/tool' }),
      makeSession('h', { cwd: '/home/me/repo', host: 'buildbox' }),
      makeSession('w', { cwd: '/work/repo/sub' }),
    ];
    const { groups } = arrangeSessions(list, [], noFilter, { workspaceFolders: ['/work/repo'] });
    expect(groups.map((g) => [g.label, g.host ?? '', g.other])).toEqual([['sub', '', false], ['repo', 'buildbox', true], ['tool', '', true]]);
  });

  test('costs are shown in full, not rounded to cents', () => {
    expect(formatCost(1.2345)).toBe('$1.2345');
    expect(formatCost(0.25)).toBe('$0.25');
    expect(formatCost(0.0042)).toBe('$0.0042');
    expect(formatCost(3)).toBe('$3.00');
  });

  test('relative times', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(relativeTime('2026-01-10T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-01-10T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-01-10T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-01-09T09:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-01-06T12:00:00Z', now)).toBe('4 days ago');
  });
});

describe('the list in the panel', () => {
  function host(sessions: Session[]): FakeHost {
    return new FakeHost({
      'sessions/list': () => ({ sessions }),
      'agents/list': () => ({ agents: [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' }] }),
      'runs/list': () => ({ runs: [] }),
      'sessions/archive': (p) => ({ ...sessions.find((s) => s.id === (p as { sessionId: string }).sessionId)!, archived: (p as { archived: boolean }).archived }),
      'sessions/delete': () => null,
    });
  }

  test('the filter box and toggles narrow the list; an empty result says how many the filter hides', async () => {
    const panel = await mountPanel(host([makeSession('a', { name: 'Alpha' }), makeSession('b', { name: 'Beta', status: 'closed' })]));
    const names = () => [...panel.root.querySelectorAll('[role="option"] .session-name')].map((n) => n.textContent);
    expect(names()).toEqual(['Alpha', 'Beta']);
    expect([...panel.root.querySelectorAll('.toolbar button')].map((b) => b.textContent)).not.toContain('Refresh');
    const hideClosed = [...panel.root.querySelectorAll<HTMLLabelElement>('.filter-toggle')].find((l) => l.textContent === 'Hide closed')!.querySelector('input')!;
    hideClosed.checked = true;
    hideClosed.dispatchEvent(new Event('change'));
    expect(names()).toEqual(['Alpha']);
    const box = panel.root.querySelector<HTMLInputElement>('.session-filter')!;
    box.value = 'zzz';
    box.dispatchEvent(new Event('input'));
    expect(names()).toEqual([]);
    const empty = panel.root.querySelector<HTMLElement>('.empty')!;
    expect(empty.hidden).toBe(false);
    expect(empty.textContent).toBe('No session matches: 2 hidden by the filter.');
  });

  test('Archive asks the server and hides the session; Delete needs a second click and only closed sessions offer it', async () => {
    const fake = host([makeSession('a', { name: 'Alpha' }), makeSession('b', { name: 'Beta', status: 'closed' })]);
    const panel = await mountPanel(fake);
    const item = (name: string) => [...panel.root.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.querySelector('.session-name')?.textContent === name);
    const action = (name: string, label: string) => [...item(name)!.querySelectorAll<HTMLButtonElement>('.session-action')].find((b) => b.textContent!.startsWith(label))!;
    expect(action('Alpha', 'Delete').hidden).toBe(true);
    expect(action('Beta', 'Delete').hidden).toBe(false);

    action('Alpha', 'Archive').click();
    await panel.flush();
    expect(fake.requests('sessions/archive').map((r) => r.params)).toEqual([{ sessionId: 'a', archived: true }]);
    expect(item('Alpha')).toBeUndefined();
    expect(fake.requests('sessions/history')).toEqual([]); // the click did not open the session

    action('Beta', 'Delete').click();
    await panel.flush();
    expect(fake.requests('sessions/delete')).toEqual([]);
    expect(action('Beta', 'Delete').textContent).toBe('Delete? Click again');
    action('Beta', 'Delete').click();
    await panel.flush();
    expect(fake.requests('sessions/delete').map((r) => r.params)).toEqual([{ sessionId: 'b' }]);
    expect(item('Beta')).toBeUndefined();
  });

  test('a session deleted in another client leaves the list; task sessions sit under their run', async () => {
    const sessions = [makeSession('a', { name: 'Alpha' }), makeSession('t1', { name: 'Task one' })];
    const fake = host(sessions);
    const panel = await mountPanel(fake);
    fake.deliver({ kind: 'notification', method: 'runs/progress', params: { run: run({ sessionIds: ['t1'] }), kind: 'taskStarted' } });
    await panel.flush();
    const header = panel.root.querySelector<HTMLElement>('.session-run-header')!;
    expect(header.textContent).toContain('Playbook run · playbook.yaml');
    expect(header.textContent).toContain('1 of 3 tasks done · running');
    expect(panel.root.querySelector<HTMLElement>('#session-t1')!.classList.contains('nested')).toBe(true);
    expect(panel.root.querySelector<HTMLElement>('#session-a')!.classList.contains('nested')).toBe(false);

    fake.deliver({ kind: 'notification', method: 'sessions/changed', params: { session: { ...sessions[0]!, status: 'closed' }, deleted: true } });
    await panel.flush();
    expect(panel.root.querySelector('#session-a')).toBeNull();
    expect([...panel.root.querySelectorAll('[role="option"] .session-name')].map((n) => n.textContent)).toEqual(['Task one']);
  });

  test('a host’s group has an online/offline dot from hosts/list', async () => {
    const fake = host([makeSession('a', { name: 'Here' }), makeSession('r', { name: 'There', host: 'buildbox', cwd: '/srv/repo' })]);
    fake.answers['hosts/list'] = () => ({ hosts: [{ name: 'buildbox', destination: 'b', options: [], env: {}, warnings: [], createdAt: '2026-01-01T00:00:00Z', state: 'offline' }] });
    const panel = await mountPanel(fake);
    await panel.flush();
    const header = [...panel.root.querySelectorAll<HTMLElement>('.session-group-header')].find((e) => e.textContent!.includes('buildbox'))!;
    expect(header.textContent).toBe('repo · buildbox');
    expect(header.querySelector('.host-dot')!.classList.contains('host-offline')).toBe(true);
  });

  test('the first prompt names a session on the server: the panel sends no rename and shows the name sessions/changed brings', async () => {
    const fake = host([makeSession('a', { name: 'Claude Code 1' })]);
    fake.answers['sessions/prompt'] = 'never';
    fake.answers['sessions/history'] = () => ({ events: [], hasMore: false });
    const panel = await mountPanel(fake);
    panel.app.openSession('a');
    await panel.flush();
    const textarea = panel.root.querySelector<HTMLTextAreaElement>('textarea')!;
    textarea.value = 'Add a greeting file\nwith hello in it';
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await panel.flush();
    expect(fake.requests('sessions/prompt')).toHaveLength(1);
    expect(fake.requests('sessions/rename')).toEqual([]);
    expect(panel.root.querySelector('.session-title')!.textContent).toBe('Claude Code 1');
    fake.deliver({ kind: 'notification', method: 'sessions/changed', params: { session: makeSession('a', { name: 'Add a greeting file' }) } });
    await panel.flush();
    expect(panel.root.querySelector('.session-title')!.textContent).toBe('Add a greeting file');
  });
});

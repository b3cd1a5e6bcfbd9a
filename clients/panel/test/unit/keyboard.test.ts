// @vitest-environment happy-dom
// The whole panel over an in-memory host: keyboard navigation, opening and leaving a session, sending a prompt
// without waiting, answering a permission request, and the chat placeholder.
import { afterEach, describe, expect, test } from 'vitest';
import type { Session } from '../../../protocol/protocol';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const sessions: Session[] = [makeSession('a', { name: 'Alpha', createdAt: '2026-01-03T00:00:00Z' }), makeSession('b', { name: 'Beta', createdAt: '2026-01-02T00:00:00Z', status: 'running' }), makeSession('c', { name: 'Gamma', createdAt: '2026-01-01T00:00:00Z' })];

function host(): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions }),
    'agents/list': () => ({ agents: [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' }, { id: 'codex', name: 'Codex', kind: 'native', available: false, command: 'codex' }] }),
    'runs/list': () => ({ runs: [] }),
    'sessions/history': () => ({ events: [], hasMore: false }),
    'sessions/create': (p) => makeSession('new', { name: 'Created', ...(p as object) }),
  });
}

const key = (target: Element, k: string, init: KeyboardEventInit = {}): void => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('keyboard', () => {
  test('arrows and j/k move through the sessions list; Enter opens; Escape goes back', async () => {
    const fake = host();
    const panel = await mountPanel(fake);
    const options = () => [...panel.root.querySelectorAll<HTMLElement>('[role="option"]')];
    expect(options().map((o) => o.querySelector('.session-name')?.textContent)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(options().map((o) => o.tabIndex)).toEqual([0, -1, -1]);
    options()[0]!.focus();
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.textContent).toContain('Beta');
    key(document.activeElement!, 'j');
    expect(document.activeElement?.textContent).toContain('Gamma');
    key(document.activeElement!, 'k');
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(options()[1]!.querySelector('.status')?.classList.contains('busy')).toBe(true);
    key(document.activeElement!, 'Enter');
    await panel.flush();
    expect(panel.app.currentPage).toEqual({ kind: 'session', id: 'b' });
    expect(fake.requests('sessions/history')[0]!.params).toEqual({ sessionId: 'b', afterSeq: 0, limit: 1000 });
    // The host hears which session is open (Rider's actions act on it).
    expect(fake.posted.filter((m) => m.kind === 'sessionSelected')).toEqual([{ kind: 'sessionSelected', sessionId: 'b' }]);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Prompt');
    // Escape from the prompt goes back to the list, with the session still selected and focused.
    key(document.activeElement!, 'Escape');
    await panel.flush();
    expect(panel.app.currentPage).toEqual({ kind: 'list' });
    expect(document.activeElement?.textContent).toContain('Beta');
  });

  test('"/" focuses the prompt; Ctrl+Enter sends without waiting and shows the prompt queued', async () => {
    const fake = host();
    // sessions/prompt answers only when the turn ends: not during this test.
    fake.answers['sessions/prompt'] = 'never';
    const panel = await mountPanel(fake);
    panel.app.openSession('a');
    await panel.flush();
    (document.activeElement as HTMLElement).blur();
    key(document.body, '/');
    const textarea = panel.root.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(document.activeElement).toBe(textarea);
    textarea.value = 'Fix the bug';
    key(textarea, 'Enter', { ctrlKey: true });
    expect(textarea.value).toBe('');
    expect(fake.requests('sessions/prompt').map((r) => r.params)).toEqual([{ sessionId: 'a', text: 'Fix the bug' }]);
    // The chip stays until the prompt event arrives.
    await panel.flush();
    expect(panel.root.querySelector('.queued-chip')?.textContent).toBe('Queued: Fix the bug');
    fake.deliver({ kind: 'notification', method: 'sessions/event', params: { sessionId: 'a', seq: 1, time: '', event: { type: 'prompt', turnId: 't', text: 'Fix the bug' } } });
    await panel.flush();
    expect(panel.root.querySelector('.queued-chip')).toBeNull();
    expect(panel.root.querySelector('.row-prompt')?.textContent).toBe('Fix the bug');
  });

  test('"n" opens the new-session form; it offers available agents and workspace folders and creates', async () => {
    const fake = host();
    const panel = await mountPanel(fake);
    key(document.body, 'n');
    await panel.flush();
    const form = panel.root.querySelector('form')!;
    const agent = form.querySelector<HTMLSelectElement>('select[name="agent"]')!;
    // Unavailable agents are listed after the available ones, disabled (the first-run rule).
    expect([...agent.options].filter((o) => !o.disabled).map((o) => o.value)).toEqual(['claude-code']);
    expect(agent.value).toBe('claude-code');
    expect(form.querySelector<HTMLSelectElement>('select[name="folder"]')!.value).toBe('/work/repo');
    form.querySelector<HTMLInputElement>('input[name="branch"]')!.value = 'feature/x';
    form.querySelector<HTMLSelectElement>('select[name="mode"]')!.value = 'ask';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await panel.flush();
    expect(fake.requests('sessions/create')[0]!.params).toEqual({ agentId: 'claude-code', cwd: '/work/repo', worktree: { branch: 'feature/x' }, permissionMode: 'ask' });
    expect(panel.app.currentPage).toEqual({ kind: 'session', id: 'new' });
  });

  test('one New Session flow: the host\'s command opens the form (focus on the agent, or Create when nothing is to choose)', async () => {
    const fake = host();
    const panel = await mountPanel(fake, hostInfo({ hostActions: ['host/newSession'] }));
    // The toolbar has one entry, whatever the host offers.
    expect([...panel.root.querySelectorAll('button')].filter((b) => b.textContent?.startsWith('New session'))).toHaveLength(1);
    panel.app.showTab('runs');
    fake.deliver({ kind: 'showNewSession' });
    await panel.flush();
    expect(panel.app.currentPage).toEqual({ kind: 'new' });
    expect(panel.root.querySelector('#tab-sessions')!.getAttribute('aria-selected')).toBe('true');
    // One agent available and one workspace folder: Create has focus, Enter goes straight on.
    expect(document.activeElement?.textContent).toBe('Create');
    key(document.activeElement!, 'Escape');
    expect(panel.app.currentPage).toEqual({ kind: 'list' });
    // "n" is the same form, never the host's old flow.
    key(document.body, 'n');
    await panel.flush();
    expect(panel.app.currentPage).toEqual({ kind: 'new' });
    expect(fake.requests('host/newSession')).toHaveLength(0);

    // The editor's worktree folder: the worktree is created there first, and the session works in it.
    const placed = host();
    placed.answers['worktrees/create'] = (params) => ({ path: (params as { path: string }).path, branch: 'feature/y', repo: '/work/repo' });
    const third = await mountPanel(placed, hostInfo({ settings: { worktreeFolder: '/work/trees/' } }));
    await third.app.showNewSession();
    const form = third.root.querySelector('form')!;
    form.querySelector<HTMLInputElement>('input[name="branch"]')!.value = 'feature/y';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await third.flush();
    expect(placed.requests('worktrees/create')[0]!.params).toEqual({ repo: '/work/repo', branch: 'feature/y', path: '/work/trees/feature/y' });
    expect(placed.requests('sessions/create')[0]!.params).toMatchObject({ agentId: 'claude-code', cwd: '/work/trees/feature/y' });
    expect(placed.requests('sessions/create')[0]!.params).not.toHaveProperty('worktree');
    document.body.innerHTML = '';

    // Two agents to choose from: the agent choice has focus.
    const two = host();
    two.answers['agents/list'] = () => ({ agents: [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' }, { id: 'codex', name: 'Codex', kind: 'native', available: true, command: 'codex' }] });
    const second = await mountPanel(two);
    two.deliver({ kind: 'showNewSession' });
    await second.flush();
    expect((document.activeElement as HTMLSelectElement | null)?.name).toBe('agent');

    // The agents' probes answer again while the user fills the form in: it is rebuilt, and nothing they did is lost.
    const filled = second.root.querySelector('form')!;
    filled.querySelector<HTMLSelectElement>('select[name="agent"]')!.value = 'codex';
    filled.querySelector('details')!.open = true;
    filled.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Kept name';
    filled.querySelector<HTMLSelectElement>('select[name="mode"]')!.value = 'ask';
    filled.querySelector<HTMLInputElement>('input[name="name"]')!.focus();
    await (second.app as unknown as { actions: { loadAgents(): Promise<void> } }).actions.loadAgents();
    await second.flush();
    const rebuilt = second.root.querySelector('form')!;
    expect(rebuilt).not.toBe(filled);
    expect(rebuilt.querySelector<HTMLSelectElement>('select[name="agent"]')!.value).toBe('codex');
    expect(rebuilt.querySelector('details')!.open).toBe(true);
    expect(rebuilt.querySelector<HTMLInputElement>('input[name="name"]')!.value).toBe('Kept name');
    expect(rebuilt.querySelector<HTMLSelectElement>('select[name="mode"]')!.value).toBe('ask');
    expect((document.activeElement as HTMLInputElement | null)?.name).toBe('name');
    // Opened afresh, the form starts empty again.
    second.app.showForm();
    await second.flush();
    expect(second.root.querySelector<HTMLInputElement>('input[name="name"]')!.value).toBe('');
  });

  test('tabs switch with arrow keys; chat says when the server does not have it', async () => {
    const fake = host();
    const panel = await mountPanel(fake);
    const tabs = () => [...panel.root.querySelectorAll<HTMLElement>('[role="tab"]')];
    tabs()[0]!.focus();
    key(tabs()[0]!, 'ArrowLeft');
    expect(tabs().at(-1)!.getAttribute('aria-selected')).toBe('true');
    // Stats is the last tab; Chat is left of it.
    key(document.activeElement!, 'ArrowLeft');
    await panel.flush();
    expect(panel.root.querySelector('#tab-chat')!.getAttribute('aria-selected')).toBe('true');
    expect(fake.requests('chat/list')).toHaveLength(1);
    expect(panel.root.querySelector('.chat-view')?.textContent).toBe('Group chat is not available in this server yet');
  });
});

describe('permissions', () => {
  test('a live request shows a card; a click answers with the option id and the card goes', async () => {
    const fake = host();
    const panel = await mountPanel(fake);
    panel.app.openSession('a');
    await panel.flush();
    fake.deliver({
      kind: 'serverRequest', id: 7, method: 'permissions/request',
      params: { sessionId: 'a', toolCall: { id: 'tc', title: 'Write x.txt', kind: 'edit' }, options: [{ id: 'allow', label: 'Allow', kind: 'allowOnce' }, { id: 'reject', label: 'Reject', kind: 'rejectOnce' }] },
    });
    await panel.flush();
    const buttons = [...panel.root.querySelectorAll<HTMLButtonElement>('.permission-card button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Allow', 'Reject']);
    buttons[1]!.click();
    expect(fake.posted.filter((m) => m.kind === 'serverResponse')).toEqual([{ kind: 'serverResponse', id: 7, result: { optionId: 'reject' } }]);
    await panel.flush();
    expect(panel.root.querySelector('.permission-card')).toBeNull();
  });

  test('a request answered elsewhere is settled by the host', async () => {
    const fake = host();
    const panel = await mountPanel(fake);
    panel.app.openSession('a');
    fake.deliver({ kind: 'serverRequest', id: 'x', method: 'permissions/request', params: { sessionId: 'a', toolCall: { id: 'tc', title: 'T', kind: 'edit' }, options: [] } });
    await panel.flush();
    expect(panel.root.querySelector('.permission-card')).not.toBeNull();
    fake.deliver({ kind: 'serverRequestSettled', id: 'x' });
    await panel.flush();
    expect(panel.root.querySelector('.permission-card')).toBeNull();
  });
});

describe('host asks', () => {
  test('showSession from the host opens that transcript, from the Runs tab too', async () => {
    const fake = host();
    const panel = await mountPanel(fake);
    panel.app.showTab('runs');
    fake.deliver({ kind: 'showSession', sessionId: 'b' });
    await panel.flush();
    expect(panel.app.currentPage).toEqual({ kind: 'session', id: 'b' });
    expect(fake.requests('sessions/history').map((r) => (r.params as { sessionId: string }).sessionId)).toContain('b');
    expect(panel.root.textContent).toContain('Beta');
  });
});

// @vitest-environment happy-dom
// The Chat tab over an in-memory host: the room list, a room (authors, highlighted mentions, who is working and
// the round, live messages, cancel), the composer's @ completion by keyboard, and the create-room form; and the
// host's "New Group Chat" command opening that form.
import { afterEach, describe, expect, test } from 'vitest';
import type { ChatMessage, Room } from '../../../protocol/protocol';
import { applyCompletion, completions, mentionAt } from '../../src/views/chat/mentions';
import { FakeHost, mountPanel } from '../support/fakeHost';

const room = (overrides: Partial<Room> = {}): Room => ({
  id: 'c_1', name: 'team', cwd: '/work/repo', maxRounds: 6, parallel: false, state: 'idle', working: [], round: 0, lastSeq: 2,
  createdAt: '2026-01-01T00:00:00Z',
  participants: [{ alias: 'a', agentId: 'claude-code', sessionId: 's_a' }, { alias: 'bob', agentId: 'codex', sessionId: 's_b' }],
  ...overrides,
});

const message = (seq: number, author: string, text: string, mentions: string[] = []): ChatMessage => ({
  id: `m_${seq}`, seq, author, text, html: `<p>${text}</p>`, mentions, time: '2026-01-01T00:00:00Z',
});

const history = [message(1, 'user', '@a plan it, then @bob', ['a', 'bob']), message(2, 'a', 'Done; over to @bob and @zed', ['bob'])];

function host(extra: Record<string, (p: unknown) => unknown> = {}): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions: [] }),
    'agents/list': () => ({ agents: [
      { id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' },
      { id: 'codex', name: 'Codex', kind: 'native', available: true, command: 'codex' },
    ] }),
    'runs/list': () => ({ runs: [] }),
    'chat/list': () => ({ rooms: [room(), room({ id: 'c_2', name: 'older', createdAt: '2025-12-01T00:00:00Z' })] }),
    'chat/history': () => ({ messages: history, hasMore: false }),
    'chat/post': () => ({ messageId: 'm_3', seq: 3 }),
    'chat/cancel': () => null,
    ...extra,
  });
}

const key = (target: Element, k: string, init: KeyboardEventInit = {}): void => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
};

const type = (input: HTMLTextAreaElement, text: string): void => {
  input.value = text;
  input.setSelectionRange(text.length, text.length);
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

afterEach(() => {
  document.body.innerHTML = '';
});

async function openChat(fake: FakeHost) {
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-chat')!.click();
  await panel.flush();
  await panel.flush();
  const view = () => panel.root.querySelector<HTMLElement>('.chat-view')!;
  return { panel, view };
}

async function openRoom(fake: FakeHost) {
  const opened = await openChat(fake);
  const items = [...opened.view().querySelectorAll<HTMLElement>('.chat-room-item')];
  items[0]!.focus();
  key(items[0]!, 'Enter');
  await opened.panel.flush();
  await opened.panel.flush();
  const input = () => opened.view().querySelector<HTMLTextAreaElement>('.chat-input')!;
  return { ...opened, input };
}

describe('chat room list', () => {
  test('lists rooms newest first with their participants; arrows move and Enter opens one', async () => {
    const fake = host();
    const { view, panel } = await openChat(fake);
    const items = () => [...view().querySelectorAll<HTMLElement>('.chat-room-item')];
    expect(items().map((i) => i.querySelector('.session-name')?.textContent)).toEqual(['team', 'older']);
    expect(items()[0]!.textContent).toContain('@a (claude-code) @bob (codex)');
    items()[0]!.focus();
    key(items()[0]!, 'ArrowDown');
    expect(document.activeElement).toBe(items()[1]);
    key(document.activeElement!, 'ArrowUp');
    key(document.activeElement!, 'Enter');
    await panel.flush();
    expect(fake.requests('chat/history').map((r) => r.params)).toEqual([{ roomId: 'c_1', afterSeq: 0, limit: 500 }]);
    expect(view().querySelector('.chat-room-title')?.textContent).toBe('team');
  });
});

describe('chat room', () => {
  test('shows authors and highlights mentions, unknown ones marked', async () => {
    const { view } = await openRoom(host());
    const messages = [...view().querySelectorAll<HTMLElement>('.chat-message')];
    expect(messages.map((m) => m.querySelector('.chat-author')?.textContent)).toEqual(['You', '@a']);
    expect([...messages[0]!.querySelectorAll('.mention')].map((m) => m.textContent)).toEqual(['@a', '@bob']);
    expect([...messages[1]!.querySelectorAll('.mention-unknown')].map((m) => m.textContent)).toEqual(['@zed']);
    expect(messages[1]!.querySelector('.chat-body')?.textContent).toBe('Done; over to @bob and @zed');
  });

  test('live: who is working and the round come from chat/changed; chat/message appends once; Cancel asks the server', async () => {
    const fake = host();
    const { view, panel } = await openRoom(fake);
    const status = () => view().querySelector('.chat-room-status')?.textContent;
    const cancel = () => view().querySelector<HTMLButtonElement>('button[aria-label="Cancel the running turns"]')!;
    expect(status()).toContain('Idle');
    expect(cancel().disabled).toBe(true);

    fake.deliver({ kind: 'notification', method: 'chat/changed', params: { room: room({ state: 'working', working: ['bob'], round: 2 }) } });
    await panel.flush();
    expect(status()).toBe('Working: @bob · round 2 of 6');
    expect(cancel().disabled).toBe(false);

    const reply = message(3, 'bob', 'Tests written.');
    fake.deliver({ kind: 'notification', method: 'chat/message', params: { roomId: 'c_1', message: reply } });
    fake.deliver({ kind: 'notification', method: 'chat/message', params: { roomId: 'c_1', message: reply } });
    fake.deliver({ kind: 'notification', method: 'chat/message', params: { roomId: 'c_2', message: message(9, 'a', 'elsewhere') } });
    await panel.flush();
    const authors = [...view().querySelectorAll('.chat-message .chat-author')].map((a) => a.textContent);
    expect(authors).toEqual(['You', '@a', '@bob']);

    cancel().click();
    await panel.flush();
    expect(fake.requests('chat/cancel').map((r) => r.params)).toEqual([{ roomId: 'c_1' }]);

    fake.deliver({ kind: 'notification', method: 'chat/changed', params: { room: room({ lastSeq: 3 }) } });
    await panel.flush();
    expect(status()).toContain('Idle');
    key(view().querySelector('.chat-room')!, 'Escape');
    await panel.flush();
    expect(view().querySelectorAll('.chat-room-item')).toHaveLength(2);
  });

  test('the composer completes @aliases with arrows and Enter or Tab, then Enter sends', async () => {
    const fake = host();
    const { input, panel, view } = await openRoom(fake);
    const offered = () => [...view().querySelectorAll('.chat-completion')].map((o) => o.textContent);
    const active = () => view().querySelector('.chat-completion.active')?.textContent;
    expect(document.activeElement).toBe(input());

    type(input(), '@');
    expect(offered()).toEqual(['@a', '@bob', '@all']);
    expect(input().getAttribute('aria-expanded')).toBe('true');
    key(input(), 'ArrowDown');
    expect(active()).toBe('@bob');
    key(input(), 'ArrowUp');
    key(input(), 'ArrowUp');
    expect(active()).toBe('@all');
    key(input(), 'Enter');
    expect(input().value).toBe('@all ');
    expect(offered()).toEqual([]);
    expect(fake.requests('chat/post')).toHaveLength(0);

    type(input(), '@all hi @b');
    expect(offered()).toEqual(['@bob']);
    key(input(), 'Tab');
    expect(input().value).toBe('@all hi @bob ');
    type(input(), input().value + 'mail x@a.com');
    expect(offered()).toEqual([]);

    key(input(), 'Enter');
    await panel.flush();
    expect(fake.requests('chat/post').map((r) => r.params)).toEqual([{ roomId: 'c_1', text: '@all hi @bob mail x@a.com' }]);
    expect(input().value).toBe('');
  });

  test('a refused message is put back in the composer and the reason shown', async () => {
    const fake = host({ 'chat/post': () => { throw { code: -32602, message: 'This room has no participant @zed' }; } });
    const { input, panel } = await openRoom(fake);
    type(input(), '@zed hello');
    key(input(), 'Enter');
    await panel.flush();
    expect(input().value).toBe('@zed hello');
    expect(panel.root.querySelector('.notice')?.textContent).toContain('This room has no participant @zed');
  });
});

describe('new group chat', () => {
  test('N opens the form; it sends agents, aliases, worktree, moderator and round limit, then opens the room', async () => {
    const created = room({ id: 'c_new', name: 'duo', lastSeq: 0 });
    const fake = host({ 'chat/create': () => created, 'chat/history': () => ({ messages: [], hasMore: false }) });
    const { view, panel } = await openChat(fake);
    key(view().querySelector('.chat-room-item')!, 'n');
    await panel.flush();
    const form = view().querySelector<HTMLFormElement>('.new-room-form')!;
    expect(document.activeElement?.getAttribute('name')).toBe('name');
    form.querySelector<HTMLInputElement>('[name="name"]')!.value = 'duo';
    const rows = form.querySelectorAll('.chat-participant-row');
    expect(rows).toHaveLength(2);
    rows[1]!.querySelector<HTMLInputElement>('[name="alias-1"]')!.value = 'rev';
    rows[1]!.querySelector<HTMLInputElement>('[name="branch-1"]')!.value = 'maestro/rev';
    form.querySelector<HTMLSelectElement>('[name="moderator"]')!.value = 'claude-code';
    form.querySelector<HTMLInputElement>('[name="rounds"]')!.value = '4';
    form.requestSubmit();
    await panel.flush();
    expect(fake.requests('chat/create').map((r) => r.params)).toEqual([{
      name: 'duo', cwd: '/work/repo', maxRounds: 4, moderator: { agentId: 'claude-code' },
      participants: [{ alias: 'a', agentId: 'claude-code' }, { alias: 'rev', agentId: 'codex', worktree: { branch: 'maestro/rev' } }],
    }]);
    await panel.flush();
    expect(view().querySelector('.chat-room-title')?.textContent).toBe('duo');
    expect(view().querySelector('.chat-messages')?.textContent).toContain('No messages yet');
  });

  test('with SSH hosts, each participant picks its machine; one on a host is sent with host, the room stays here', async () => {
    const created = room({ id: 'c_mixed', name: 'mixed', lastSeq: 0, participants: [{ alias: 'a', agentId: 'claude-code', sessionId: 's_a' }, { alias: 'b', agentId: 'codex', sessionId: 's_b', host: 'box' }] });
    const fake = host({
      'hosts/list': () => ({ hosts: [{ name: 'box', destination: 'me@box', options: [], env: {}, warnings: [], createdAt: '2026-01-01T00:00:00Z', state: 'online' }] }),
      'chat/create': () => created,
      'chat/history': () => ({ messages: [], hasMore: false }),
    });
    const { view, panel } = await openChat(fake);
    panel.app.showNewChat();
    await panel.flush();
    await panel.flush();
    const form = view().querySelector<HTMLFormElement>('.new-room-form')!;
    const machines = [...form.querySelectorAll<HTMLSelectElement>('.chat-host')];
    expect(machines.map((m) => [...m.options].map((o) => o.textContent))).toEqual([['This machine', 'box'], ['This machine', 'box']]);
    form.querySelector<HTMLInputElement>('[name="name"]')!.value = 'mixed';
    machines[1]!.value = 'box';
    form.requestSubmit();
    await panel.flush();
    expect(fake.requests('chat/create').map((r) => r.params)).toEqual([{
      name: 'mixed', cwd: '/work/repo', maxRounds: 6,
      participants: [{ alias: 'a', agentId: 'claude-code' }, { alias: 'b', agentId: 'codex', host: 'box' }],
    }]);
    await panel.flush();
    expect(view().textContent).toContain('@b (codex on box)');
  });

  test('a duplicate alias is refused in the form, nothing is sent; Escape goes back', async () => {
    const fake = host({ 'chat/create': () => room() });
    const { view, panel } = await openChat(fake);
    panel.app.showNewChat();
    await panel.flush();
    const form = view().querySelector<HTMLFormElement>('.new-room-form')!;
    form.querySelector<HTMLInputElement>('[name="name"]')!.value = 'x';
    form.querySelector<HTMLInputElement>('[name="alias-1"]')!.value = 'A';
    form.requestSubmit();
    await panel.flush();
    expect(form.querySelector('[role="alert"]')?.textContent).toBe('The alias @A is used twice.');
    expect(fake.requests('chat/create')).toHaveLength(0);
    key(form.querySelector('input')!, 'Escape');
    await panel.flush();
    expect(view().querySelectorAll('.chat-room-item')).toHaveLength(2);
  });

  test("the host's showNewChat message opens the Chat tab on the form", async () => {
    const fake = host();
    const panel = await mountPanel(fake);
    fake.deliver({ kind: 'showNewChat' });
    await panel.flush();
    expect(panel.root.querySelector('#tab-chat')?.getAttribute('aria-selected')).toBe('true');
    expect(panel.root.querySelector('.new-room-form h2')?.textContent).toBe('New group chat');
  });
});

describe('mention completion', () => {
  test('finds the mention at the caret, not in an e-mail address, and replaces it whole', () => {
    expect(mentionAt('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(mentionAt('mail x@a', 8)).toBeUndefined();
    expect(mentionAt('@a done ', 8)).toBeUndefined();
    expect(completions('B', ['a', 'bob'])).toEqual(['bob']);
    expect(completions('', ['a'])).toEqual(['a', 'all']);
    expect(applyCompletion('say @bo now', 7, { start: 4, query: 'bo' }, 'bob')).toEqual({ text: 'say @bob now', caret: 9 });
  });
});

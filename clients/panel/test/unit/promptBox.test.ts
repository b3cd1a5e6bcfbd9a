// @vitest-environment happy-dom
// The prompt box as issue 22 asks: Enter sends and Shift+Enter breaks a line (or Ctrl+Enter only, by the host's
// setting), Cancel takes Send's place while a turn runs, Send is disabled with a reason while the server is away and
// the text stays, and a prompt the server did not take comes back into the box.
import { afterEach, describe, expect, test } from 'vitest';
import type { Session } from '../../../protocol/protocol';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const key = (target: Element, k: string, init: KeyboardEventInit = {}): KeyboardEvent => {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
};

function host(sessions: Session[]): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions }),
    'agents/list': () => ({ agents: [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' }] }),
    'runs/list': () => ({ runs: [] }),
    'sessions/history': () => ({ events: [], hasMore: false }),
    'sessions/prompt': 'never',
    'sessions/cancel': () => null,
  });
}

async function open(fake: FakeHost, sessionId: string, info = hostInfo()) {
  const panel = await mountPanel(fake, info);
  panel.app.openSession(sessionId);
  await panel.flush();
  const textarea = panel.root.querySelector<HTMLTextAreaElement>('textarea')!;
  const action = () => panel.root.querySelector<HTMLButtonElement>('.prompt-action')!;
  return { panel, textarea, action };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('prompt box', () => {
  test('Enter sends; Shift+Enter and an IME composition do not', async () => {
    const fake = host([makeSession('a')]);
    const { textarea } = await open(fake, 'a');
    textarea.value = 'line one';
    expect(key(textarea, 'Enter', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(key(textarea, 'Enter', { isComposing: true }).defaultPrevented).toBe(false);
    expect(fake.requests('sessions/prompt')).toEqual([]);
    key(textarea, 'Enter');
    expect(fake.requests('sessions/prompt').map((r) => r.params)).toEqual([{ sessionId: 'a', text: 'line one' }]);
    expect(textarea.placeholder).toContain('Enter to send, Shift+Enter for a new line');
  });

  test('with sendWith ctrlEnter, Enter breaks a line and Ctrl+Enter sends', async () => {
    const fake = host([makeSession('a')]);
    const { textarea } = await open(fake, 'a', hostInfo({ settings: { sendWith: 'ctrlEnter' } }));
    textarea.value = 'two\nlines';
    expect(key(textarea, 'Enter').defaultPrevented).toBe(false);
    expect(fake.requests('sessions/prompt')).toEqual([]);
    key(textarea, 'Enter', { ctrlKey: true });
    expect(fake.requests('sessions/prompt').map((r) => r.params)).toEqual([{ sessionId: 'a', text: 'two\nlines' }]);
  });

  test('while a turn runs the empty box offers Cancel in Send’s place; typing turns it back into Send (queued)', async () => {
    const fake = host([makeSession('a', { status: 'running' })]);
    const { panel, textarea, action } = await open(fake, 'a');
    expect(action().textContent).toBe('Cancel');
    expect(panel.root.querySelector('.session-header')!.textContent).not.toContain('Cancel');
    action().click();
    await panel.flush();
    expect(fake.requests('sessions/cancel').map((r) => r.params)).toEqual([{ sessionId: 'a' }]);
    textarea.value = 'next';
    textarea.dispatchEvent(new Event('input'));
    expect(action().textContent).toBe('Send');
  });

  test('with the server away Send is disabled with the reason and the text stays; it sends once the server is back', async () => {
    const fake = host([makeSession('a')]);
    const { panel, textarea, action } = await open(fake, 'a');
    fake.deliver({ kind: 'serverState', state: 'restarting' });
    await panel.flush();
    textarea.value = 'keep me';
    textarea.dispatchEvent(new Event('input'));
    expect(action().disabled).toBe(true);
    expect(panel.root.querySelector('.prompt-blocked')!.textContent).toContain('Not connected to the Maestro server');
    key(textarea, 'Enter');
    expect(textarea.value).toBe('keep me');
    expect(fake.requests('sessions/prompt')).toEqual([]);
    fake.deliver({ kind: 'serverState', state: 'ready' });
    await panel.flush();
    expect(action().disabled).toBe(false);
    key(textarea, 'Enter');
    expect(fake.requests('sessions/prompt').map((r) => r.params)).toEqual([{ sessionId: 'a', text: 'keep me' }]);
  });

  test('a prompt the server refused comes back into the box', async () => {
    const fake = host([makeSession('a')]);
    fake.answers['sessions/prompt'] = () => {
      throw { code: -32016, message: 'Session is busy elsewhere', data: { kind: 'Busy' } };
    };
    const { panel, textarea } = await open(fake, 'a');
    textarea.value = 'do not lose me';
    key(textarea, 'Enter');
    expect(textarea.value).toBe('');
    await panel.flush();
    await panel.flush();
    expect(textarea.value).toBe('do not lose me');
    expect(panel.root.querySelector('.notice')!.textContent).toContain('it is back in the box');
  });

  test('an error from the server being away shows once and clears when the server is back', async () => {
    const fake = host([makeSession('a')]);
    fake.answers['sessions/prompt'] = () => {
      throw { code: -32000, message: 'The Maestro server is not running.' };
    };
    const { panel, textarea } = await open(fake, 'a');
    const notice = () => panel.root.querySelector<HTMLElement>('.notice')!;
    for (const text of ['first', 'second']) {
      textarea.value = text;
      key(textarea, 'Enter');
      await panel.flush();
      await panel.flush();
      textarea.value = '';
    }
    expect(notice().hidden).toBe(false);
    expect(panel.root.querySelectorAll('.notice span')).toHaveLength(1);
    fake.deliver({ kind: 'serverState', state: 'restarting' });
    fake.deliver({ kind: 'serverState', state: 'ready' });
    await panel.flush();
    expect(notice().hidden).toBe(true);
  });
});

describe('new session', () => {
  test('one form: agent and folder up front, name, worktree, permissions and the host in an Advanced step', async () => {
    const fake = host([makeSession('a')]);
    fake.answers['hosts/list'] = () => ({ hosts: [{ name: 'buildbox', destination: 'b', options: [], env: {}, warnings: [], createdAt: '2026-01-01T00:00:00Z', state: 'online' }] });
    fake.answers['sessions/create'] = (p) => ({ ...makeSession('n'), ...(p as object) });
    const panel = await mountPanel(fake, hostInfo());
    panel.app.showForm();
    await panel.flush();
    await panel.flush();
    const form = panel.root.querySelector<HTMLFormElement>('.new-session-form')!;
    const advanced = form.querySelector<HTMLDetailsElement>('details.advanced')!;
    expect(advanced.open).toBe(false);
    expect([...advanced.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['Name', 'Worktree branch', 'Permissions', 'Run on']);
    advanced.querySelector<HTMLSelectElement>('select[name="host"]')!.value = 'buildbox';
    advanced.querySelector<HTMLSelectElement>('select[name="mode"]')!.value = 'ask';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await panel.flush();
    expect(fake.requests('sessions/create').map((r) => r.params)).toEqual([{ agentId: 'claude-code', cwd: '/work/repo', permissionMode: 'ask', host: 'buildbox' }]);
    await panel.flush();
    expect(panel.root.querySelector('.session-heading .mode-chip')!.textContent).toBe('Ask me');
  });
});

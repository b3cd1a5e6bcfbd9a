// @vitest-environment happy-dom
// Issue 22, "waiting is not running": a pending permission reads "Waiting for you" in the session's header and in the
// list; the card names what the agent wants to do ("Write `greeting.txt`" with a preview, "Run `make test`"), not raw
// JSON; Allow once is the primary button and Always allow a secondary one; an answered request is a line of text.
import { afterEach, describe, expect, test } from 'vitest';
import type { PermissionRequestParams, Session } from '../../../protocol/protocol';
import { describePermission } from '../../src/views/transcript/permissionTarget';
import { FakeHost, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const options = [
  { id: 'always', label: 'Always allow', kind: 'allowAlways' as const },
  { id: 'once', label: 'Allow', kind: 'allowOnce' as const },
  { id: 'no', label: 'Reject', kind: 'rejectOnce' as const },
];

const writeRequest = (sessionId = 'a'): PermissionRequestParams => ({
  sessionId,
  toolCall: { id: 'tc1', title: 'Write /work/repo/greeting.txt', kind: 'edit', input: { file_path: '/work/repo/greeting.txt', content: 'hello\nworld\n' } },
  options,
});

function host(sessions: Session[], events: unknown[] = []): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions }),
    'agents/list': () => ({ agents: [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' }] }),
    'runs/list': () => ({ runs: [] }),
    'sessions/history': () => ({ events, hasMore: false }),
  });
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('what a permission request is about', () => {
  test('a Write names the file relative to the session folder and previews the content', () => {
    expect(describePermission(writeRequest().toolCall, '/work/repo')).toEqual({ verb: 'Write', target: 'greeting.txt', preview: ['+ hello', '+ world'] });
  });

  test('a shell command, Claude Code’s or Codex’s argv, is "Run" with the command', () => {
    expect(describePermission({ id: 'x', title: 'Bash', kind: 'execute', input: { command: 'make test' } })).toEqual({ verb: 'Run', target: 'make test' });
    expect(describePermission({ id: 'x', title: 'shell', kind: 'execute', input: { command: ['bash', '-lc', 'make test'] } })).toEqual({ verb: 'Run', target: 'make test' });
  });

  test('an Edit shows what goes and what comes; an unknown input falls back to the agent’s title', () => {
    const edit = describePermission({ id: 'x', title: 'Edit', kind: 'edit', input: { file_path: '/w/a.ts', old_string: 'a', new_string: 'b' } }, '/w');
    expect(edit).toEqual({ verb: 'Edit', target: 'a.ts', preview: ['- a', '+ b'] });
    expect(describePermission({ id: 'x', title: 'Mystery tool', kind: 'other', input: { foo: 1 } })).toEqual({ verb: 'Mystery tool' });
  });
});

describe('a pending permission in the panel', () => {
  test('the header and the list say "Waiting for you" in the warning colour while the last status said running', async () => {
    const fake = host([makeSession('a', { name: 'Alpha', status: 'running' }), makeSession('b', { name: 'Beta', status: 'running' })]);
    const panel = await mountPanel(fake);
    fake.deliver({ kind: 'serverRequest', id: 'p1', method: 'permissions/request', params: writeRequest() });
    await panel.flush();
    const status = (id: string) => panel.root.querySelector<HTMLElement>(`#session-${id} .status`)!;
    expect(status('a').textContent).toBe('Waiting for you');
    expect(status('a').classList.contains('status-waiting')).toBe(true);
    expect(status('b').textContent).toBe('Running');

    panel.app.openSession('a');
    await panel.flush();
    const header = panel.root.querySelector<HTMLElement>('.session-heading .status')!;
    expect(header.textContent).toBe('Waiting for you');
    expect(header.classList.contains('status-waiting')).toBe(true);
  });

  test('the card names the target with a preview, no JSON; Allow once is primary, Always allow secondary', async () => {
    const fake = host([makeSession('a', { status: 'running' })]);
    const panel = await mountPanel(fake);
    panel.app.openSession('a');
    fake.deliver({ kind: 'serverRequest', id: 'p1', method: 'permissions/request', params: writeRequest() });
    await panel.flush();
    const card = panel.root.querySelector<HTMLElement>('.permission-card')!;
    expect(card.querySelector('.permission-target')!.textContent).toBe('Write greeting.txt');
    expect(card.querySelector('.permission-target code')!.textContent).toBe('greeting.txt');
    expect(card.querySelector('.diff-preview')!.textContent).toBe('+ hello\n+ world\n');
    expect(card.textContent).not.toContain('{');
    const buttons = [...card.querySelectorAll<HTMLButtonElement>('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Allow', 'Always allow', 'Reject']);
    expect(buttons[0]!.classList.contains('primary')).toBe(true);
    expect(buttons[1]!.classList.contains('primary')).toBe(false);
  });

  test('answered, the request is a line saying what was chosen (the card and the transcript’s record)', async () => {
    const recorded = {
      sessionId: 'a', seq: 1, time: '2026-01-01T00:00:00Z',
      event: { type: 'permissionRequest', toolCall: writeRequest().toolCall, options, chosenOptionId: 'once' },
    };
    const fake = host([makeSession('a', { status: 'idle', lastSeq: 1 })], [recorded]);
    const panel = await mountPanel(fake);
    panel.app.openSession('a');
    await panel.flush();
    const record = panel.root.querySelector<HTMLElement>('.permission-record')!;
    expect(record.querySelector('.permission-target')!.textContent).toBe('Write greeting.txt');
    expect(record.querySelector('.permission-answer')!.textContent).toBe('You chose: Allow');
    expect(record.querySelectorAll('button, .chip')).toHaveLength(0);
  });
});

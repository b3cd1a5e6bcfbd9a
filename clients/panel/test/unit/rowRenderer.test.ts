// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import type { SessionEvent } from '../../../protocol/protocol';
import { Transcript } from '../../src/state/transcript';
import { renderRow, type RowContext } from '../../src/views/transcript/rowRenderer';

function rowsOf(...events: SessionEvent[]) {
  const t = new Transcript('s');
  events.forEach((event, i) => t.apply({ sessionId: 's', seq: i + 1, time: '2026-01-01T00:00:00Z', event }));
  return t.rows;
}

function context(overrides: Partial<RowContext> = {}): RowContext {
  const expanded = new Set<number>();
  return {
    canOpenDiff: true, openDiff: vi.fn(), isExpanded: (k) => expanded.has(k), setExpanded: (k, o) => (o ? expanded.add(k) : expanded.delete(k)),
    ...overrides,
  };
}

describe('row rendering', () => {
  test('prompt', () => {
    const el = renderRow(rowsOf({ type: 'prompt', turnId: 't', text: 'Do <it>' })[0]!, context());
    expect(el.classList.contains('row-prompt')).toBe(true);
    expect(el.textContent).toBe('Do <it>');
    expect(el.querySelector('it')).toBeNull();
  });

  test('message: the server html is inserted; a streaming message is plain text', () => {
    const [final] = rowsOf({ type: 'message', text: 'Hi **there**', html: '<p>Hi <strong>there</strong></p>', role: 'assistant' });
    expect(renderRow(final!, context()).querySelector('.message-body strong')?.textContent).toBe('there');
    const [streaming] = rowsOf({ type: 'messageDelta', text: 'Hi <b>', role: 'assistant' });
    const el = renderRow(streaming!, context());
    expect(el.querySelector('.message-body.streaming')?.textContent).toBe('Hi <b>');
    expect(el.querySelector('b')).toBeNull();
  });

  test('thought and notice messages are marked by role', () => {
    const [thought] = rowsOf({ type: 'message', text: 'hmm', html: '<p>hmm</p>', role: 'thought' });
    const el = renderRow(thought!, context());
    expect(el.classList.contains('role-thought')).toBe(true);
    expect(el.querySelector('.row-label')?.textContent).toBe('Thinking');
  });

  test('tool call: collapsed details with title, kind, status, input and merged output; expansion remembered', () => {
    const [row] = rowsOf(
      { type: 'toolCall', toolCallId: 'c', kind: 'execute', title: 'npm test', input: { command: 'npm test' }, status: 'inProgress' },
      { type: 'toolCallUpdate', toolCallId: 'c', status: 'completed', output: '42 passed' },
    );
    const ctx = context();
    const el = renderRow(row!, ctx);
    const details = el.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(el.querySelector('summary')?.textContent).toBe('Run npm testdone');
    expect(el.querySelector('summary .chevron')).not.toBeNull();
    expect(el.querySelector('.tool-input')?.textContent).toContain('"command": "npm test"');
    expect(el.querySelector('.tool-output')?.textContent).toBe('42 passed');
    ctx.setExpanded(row!.key, true);
    expect(renderRow(row!, ctx).querySelector('details')!.open).toBe(true);
  });

  test('file change: Open diff only when the host offers it', () => {
    const [row] = rowsOf({ type: 'fileChange', path: 'src/a.ts', change: 'modified' });
    const openDiff = vi.fn();
    const el = renderRow(row!, context({ openDiff }));
    el.querySelector('button')!.click();
    expect(openDiff).toHaveBeenCalledWith('src/a.ts');
    expect(renderRow(row!, context({ canOpenDiff: false })).querySelector('button')).toBeNull();
  });

  test('plan entries with their status', () => {
    const [row] = rowsOf({ type: 'plan', entries: [{ content: 'Read', status: 'completed' }, { content: 'Write', status: 'inProgress' }, { content: 'Test', status: 'pending', priority: 'high' }] });
    const items = [...renderRow(row!, context()).querySelectorAll('li')];
    expect(items.map((li) => li.className)).toEqual(['plan-completed', 'plan-inProgress', 'plan-pending']);
    expect(items.map((li) => li.textContent)).toEqual(['✓Read', '▸Write', '○Test']);
  });

  test('permission request: options and the chosen one', () => {
    const [row] = rowsOf({
      type: 'permissionRequest', toolCall: { id: 't', title: 'Write a.txt', kind: 'edit' },
      options: [{ id: 'allow', label: 'Allow', kind: 'allowOnce' }, { id: 'reject', label: 'Reject', kind: 'rejectOnce' }], chosenOptionId: 'reject',
    });
    const el = renderRow(row!, context());
    expect(el.querySelector('.chip, button')).toBeNull();
    expect(el.querySelector('.permission-answer')?.textContent).toBe('You chose: Reject');
  });

  test('usage, status and error', () => {
    const [usage, status, error] = rowsOf(
      { type: 'usage', usage: { inputTokens: 2400, outputTokens: 160, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.0128 } },
      { type: 'status', status: 'failed', stopReason: 'error' },
      { type: 'error', message: 'The agent exited with 1', detail: 'stack' },
    );
    expect(renderRow(usage!, context()).textContent).toBe('2.4k in · 160 out · $0.0128');
    expect(renderRow(status!, context()).textContent).toBe('Turn failed');
    const el = renderRow(error!, context());
    expect(el.querySelector('.error-message')?.textContent).toBe('The agent exited with 1');
    expect(el.querySelector('.error-detail')?.textContent).toBe('stack');
  });
});

describe('provider outage card', () => {
  const waiting: SessionEvent = {
    type: 'outage', outageId: 'o_1', turnId: 't_1', class: 'availability', state: 'waiting', attempts: 1,
    since: '2026-12-01T23:00:00Z', nextAt: '2026-12-01T23:00:30Z', reason: 'API Error: 529 Overloaded',
  };

  test('one card revised in place: the later versions under the same seq update the row, not add rows', () => {
    const t = new Transcript('s');
    t.apply({ sessionId: 's', seq: 1, time: '2026-12-01T23:00:00Z', event: { type: 'prompt', turnId: 't_1', text: 'Go' } });
    t.apply({ sessionId: 's', seq: 2, time: '2026-12-01T23:00:00Z', event: waiting });
    expect(t.apply({ sessionId: 's', seq: 2, time: '2026-12-01T23:00:30Z', event: { ...waiting, attempts: 2, nextAt: '2026-12-01T23:01:30Z' } })).toBe('applied');
    expect(t.apply({ sessionId: 's', seq: 2, time: '2026-12-01T23:01:30Z', event: { ...waiting, attempts: 2, state: 'recovered', nextAt: undefined } })).toBe('applied');
    const outages = t.rows.filter((r) => r.kind === 'outage');
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({ state: 'recovered', attempts: 2 });
    // An ordinary event with an old seq is still a duplicate.
    expect(t.apply({ sessionId: 's', seq: 1, time: '2026-12-01T23:00:00Z', event: { type: 'prompt', turnId: 't_1', text: 'Go' } })).toBe('duplicate');
  });

  test('a waiting outage shows the countdown, Try now and Stop', () => {
    const retryNow = vi.fn();
    const stop = vi.fn();
    const [row] = rowsOf(waiting);
    const el = renderRow(row!, context({ retryNow, stop, now: () => Date.parse('2026-12-01T23:00:05Z') }));
    expect(el.classList.contains('row-outage')).toBe(true);
    expect(el.textContent).toContain('Provider unavailable');
    expect(el.querySelector('.outage-countdown')!.textContent).toContain('1 failed send; resending in 25 s');
    const buttons = [...el.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Try now', 'Stop']);
    buttons[0]!.click();
    buttons[1]!.click();
    expect(retryNow).toHaveBeenCalledOnce();
    expect(stop).toHaveBeenCalledOnce();
  });

  test('a closed outage says how it ended, with no buttons', () => {
    const [row] = rowsOf({ ...waiting, class: 'quota', state: 'stopped', attempts: 3, nextAt: undefined, stoppedBecause: 'cancelled' });
    const el = renderRow(row!, context({ retryNow: vi.fn(), stop: vi.fn() }));
    expect(el.textContent).toContain('Usage limit reached');
    expect(el.textContent).toContain('Stopped after 3 failed sends: cancelled');
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });
});

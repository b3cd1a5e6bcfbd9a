import { describe, expect, test } from 'vitest';
import type { SessionEvent, SessionEventNotification } from '../../../protocol/protocol';
import type { MessageRow, ToolCallRow } from '../../src/state/rows';
import { Transcript } from '../../src/state/transcript';
import { syntheticEvents } from '../support/syntheticEvents';

const at = (seq: number, event: SessionEvent): SessionEventNotification => ({ sessionId: 's', seq, time: '2026-01-01T00:00:00Z', event });

describe('Transcript', () => {
  test('applies events in seq order, one row per event kind that makes rows', () => {
    const t = new Transcript('s');
    for (const e of syntheticEvents('s', 10)) expect(t.apply(e)).toBe('applied');
    expect(t.lastSeq).toBe(10);
    // prompt, status, toolCall (+update merged), fileChange, message (deltas + final merged), usage, status
    expect(t.rows.map((r) => r.kind)).toEqual(['prompt', 'status', 'toolCall', 'fileChange', 'message', 'usage', 'status', 'turnFiles']);
  });

  test('drops duplicates, including ones already waiting beyond a gap', () => {
    const t = new Transcript('s');
    const events = syntheticEvents('s', 5);
    t.apply(events[0]!);
    expect(t.apply(events[0]!)).toBe('duplicate');
    expect(t.apply(events[3]!)).toBe('gap');
    expect(t.apply(events[3]!)).toBe('duplicate');
    expect(t.rows).toHaveLength(1);
  });

  test('holds events beyond a gap until the gap is filled, then applies them in order', () => {
    const t = new Transcript('s');
    const events = syntheticEvents('s', 10);
    t.apply(events[0]!);
    expect(t.apply(events[4]!)).toBe('gap');
    expect(t.apply(events[5]!)).toBe('gap');
    expect(t.hasGap).toBe(true);
    expect(t.lastSeq).toBe(1);
    t.apply(events[1]!);
    t.apply(events[2]!);
    expect(t.apply(events[3]!)).toBe('applied');
    expect(t.lastSeq).toBe(6);
    expect(t.hasGap).toBe(false);
    expect(t.rows.map((r) => r.key)).toEqual([1, 2, 3, 5, 6]);
  });

  test('streams deltas as plain text in one row that the final message replaces', () => {
    const t = new Transcript('s');
    t.apply(at(1, { type: 'messageDelta', text: 'Hel', role: 'assistant' }));
    t.apply(at(2, { type: 'messageDelta', text: 'lo', role: 'assistant' }));
    const row = t.rows[0] as MessageRow;
    expect(row).toMatchObject({ kind: 'message', text: 'Hello', streaming: true });
    expect(row.html).toBeUndefined();
    const version = row.version;
    t.apply(at(3, { type: 'message', text: 'Hello **you**', html: '<p>Hello <strong>you</strong></p>', role: 'assistant' }));
    expect(t.rows).toHaveLength(1);
    expect(row).toMatchObject({ streaming: false, html: '<p>Hello <strong>you</strong></p>' });
    expect(row.version).toBeGreaterThan(version);
  });

  test('keeps thoughts and answers in separate streams', () => {
    const t = new Transcript('s');
    t.apply(at(1, { type: 'messageDelta', text: 'hmm', role: 'thought' }));
    t.apply(at(2, { type: 'messageDelta', text: 'Answer', role: 'assistant' }));
    t.apply(at(3, { type: 'message', text: 'Answer', html: '<p>Answer</p>', role: 'assistant' }));
    expect(t.rows.map((r) => [(r as MessageRow).role, (r as MessageRow).streaming])).toEqual([['thought', true], ['assistant', false]]);
    t.apply(at(4, { type: 'status', status: 'idle', stopReason: 'endTurn' }));
    expect((t.rows[0] as MessageRow).streaming).toBe(false);
  });

  test('merges tool call updates into their call, and shows an update whose call was never seen', () => {
    const t = new Transcript('s');
    t.apply(at(1, { type: 'toolCall', toolCallId: 'a', kind: 'execute', title: 'ls', status: 'pending' }));
    t.apply(at(2, { type: 'toolCallUpdate', toolCallId: 'a', status: 'inProgress', output: 'one' }));
    t.apply(at(3, { type: 'toolCallUpdate', toolCallId: 'a', status: 'completed', output: 'two' }));
    t.apply(at(4, { type: 'toolCallUpdate', toolCallId: 'b', status: 'failed' }));
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0] as ToolCallRow).toMatchObject({ status: 'completed', output: 'one\ntwo', title: 'ls' });
    expect(t.rows[1] as ToolCallRow).toMatchObject({ toolCallId: 'b', status: 'failed' });
  });

  test('shows an unknown event type instead of dropping it', () => {
    const t = new Transcript('s');
    t.apply(at(1, { type: 'somethingNew' } as unknown as SessionEvent));
    expect(t.rows[0]).toMatchObject({ kind: 'error', message: 'Unknown event type "somethingNew"' });
  });
});

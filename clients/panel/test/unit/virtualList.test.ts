// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { Transcript } from '../../src/state/transcript';
import { TranscriptList } from '../../src/views/transcript/transcriptList';
import { HeightIndex } from '../../src/views/transcript/heightIndex';
import { syntheticEvents } from '../support/syntheticEvents';

function bigTranscript(count: number): Transcript {
  const t = new Transcript('s');
  for (const e of syntheticEvents('s', count)) t.apply(e);
  return t;
}

describe('HeightIndex', () => {
  test('offsets follow estimates and measurements; indexAt finds the row at a position', () => {
    const index = new HeightIndex();
    index.resize(5000, () => 10);
    expect(index.total()).toBe(50_000);
    expect(index.indexAt(25_005)).toBe(2500);
    index.set(0, 110);
    expect(index.offsetOf(1)).toBe(110);
    expect(index.indexAt(25_105)).toBe(2500);
    index.resize(5001, () => 40);
    expect(index.total()).toBe(50_140);
  });
});

describe('virtualized transcript', () => {
  test('100,000 events keep only a window of rows in the DOM, stuck to the bottom', () => {
    const transcript = bigTranscript(100_000);
    expect(transcript.rows.length).toBeGreaterThan(60_000);
    const list = new TranscriptList(transcript, { canOpenDiff: false, openDiff: () => undefined }, () => undefined);
    document.body.appendChild(list.element);
    list.update();
    const rows = list.element.querySelectorAll('.row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(150);
    expect(list.list.renderedCount).toBe(rows.length);
    expect(list.element.querySelector('.row[data-seq="100000"]')).not.toBeNull();
    expect(list.list.isStuckToBottom).toBe(true);
  });

  test('scrolling up leaves the bottom and renders the rows there; new rows do not pull it back', () => {
    const transcript = bigTranscript(20_000);
    const list = new TranscriptList(transcript, { canOpenDiff: false, openDiff: () => undefined }, () => undefined);
    document.body.appendChild(list.element);
    list.update();
    const el = list.element;
    el.scrollTop = el.scrollTop - 50_000;
    el.dispatchEvent(new Event('scroll'));
    list.update();
    expect(list.list.isStuckToBottom).toBe(false);
    const seqs = [...el.querySelectorAll<HTMLElement>('.row')].map((r) => Number(r.dataset.seq));
    expect(Math.max(...seqs)).toBeLessThan(20_000);
    expect(seqs.length).toBeLessThan(150);
    for (const e of syntheticEvents('s', 10, 20_001)) transcript.apply(e);
    list.update();
    expect(el.querySelector('.row[data-seq="20010"]')).toBeNull();
    list.list.scrollToBottom();
    list.update();
    expect(el.querySelector('.row[data-seq="20010"]')).not.toBeNull();
  });

  test('a row whose version changed is rendered again (streaming text)', () => {
    const transcript = new Transcript('s');
    transcript.apply({ sessionId: 's', seq: 1, time: '', event: { type: 'messageDelta', text: 'Hel', role: 'assistant' } });
    const list = new TranscriptList(transcript, { canOpenDiff: false, openDiff: () => undefined }, () => undefined);
    list.update();
    expect(list.element.textContent).toBe('Hel');
    transcript.apply({ sessionId: 's', seq: 2, time: '', event: { type: 'messageDelta', text: 'lo', role: 'assistant' } });
    list.update();
    expect(list.element.textContent).toBe('Hello');
  });
});

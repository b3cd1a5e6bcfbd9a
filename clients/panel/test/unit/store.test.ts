import { describe, expect, test } from 'vitest';
import type { Run, SessionHistoryParams } from '../../../protocol/protocol';
import { HistoryLoader } from '../../src/state/historyLoader';
import { Store } from '../../src/state/store';
import { makeSession } from '../support/sessions';
import { syntheticEvents } from '../support/syntheticEvents';

describe('Store', () => {
  test('applies sessions/event and sessions/events batches only to opened transcripts', () => {
    const store = new Store();
    store.transcriptOf('a');
    const events = syntheticEvents('a', 30);
    store.applyNotification('sessions/event', events[0]);
    store.applyNotification('sessions/events', { sessionId: 'a', events: events.slice(1, 20) });
    store.applyNotification('sessions/events', { sessionId: 'a', events: events.slice(10, 30) }); // overlaps: duplicates dropped
    store.applyNotification('sessions/events', { sessionId: 'b', events: syntheticEvents('b', 5) });
    expect(store.transcripts.get('a')!.lastSeq).toBe(30);
    expect(store.transcripts.has('b')).toBe(false);
  });

  test('reports the sessions left with a gap', () => {
    const store = new Store();
    store.transcriptOf('a');
    const gaps = store.applyNotification('sessions/event', syntheticEvents('a', 5)[4]);
    expect([...gaps]).toEqual(['a']);
  });

  test('fills a gap from sessions/history, page by page, and applies what waited behind it', async () => {
    const store = new Store();
    const all = syntheticEvents('a', 2500);
    const transcript = store.transcriptOf('a');
    store.applyEvents(all.slice(0, 3));
    const gaps = store.applyEvents(all.slice(2400)); // live events arrive beyond a gap
    expect([...gaps]).toEqual(['a']);
    const asked: SessionHistoryParams[] = [];
    const loader = new HistoryLoader(async <T>(_method: string, params?: unknown) => {
      const p = params as SessionHistoryParams;
      asked.push(p);
      const page = all.filter((e) => e.seq > (p.afterSeq ?? 0)).slice(0, p.limit);
      return { events: page, hasMore: page.at(-1)!.seq < all.length } as T;
    }, store, 1000);
    await loader.fill('a');
    expect(transcript.lastSeq).toBe(2500);
    expect(transcript.hasGap).toBe(false);
    expect(asked.map((p) => p.afterSeq)).toEqual([3, 1003, 2003]);
  });

  test('a fill that makes no progress stops instead of looping', async () => {
    const store = new Store();
    store.transcriptOf('a');
    store.applyEvents(syntheticEvents('a', 3, 10));
    let calls = 0;
    const loader = new HistoryLoader(async <T>() => {
      calls++;
      return { events: [], hasMore: false } as T;
    }, store);
    await loader.fill('a');
    expect(calls).toBe(1);
  });

  test('a queued prompt leaves the queue when its turn starts', () => {
    const store = new Store();
    store.transcriptOf('a');
    store.enqueuePrompt('a', 'Prompt number 1');
    store.enqueuePrompt('a', 'second');
    store.applyEvents(syntheticEvents('a', 2)); // a prompt, then the turn's status
    expect(store.queued.get('a')!.map((q) => q.text)).toEqual(['second']);
  });

  test('sessions/changed and runs/progress update their lists', () => {
    const store = new Store();
    const topics: string[] = [];
    store.subscribe((topic) => topics.push(topic));
    store.setSessions([makeSession('a'), makeSession('bb')]);
    store.applyNotification('sessions/changed', { session: makeSession('a', { status: 'running' }) });
    expect(store.sessions.get('a')!.status).toBe('running');
    expect(store.sessionList().map((s) => s.id)).toEqual(['bb', 'a']);
    const run = { id: 'r1', playbook: 'pb', agentId: 'claude-code', status: 'running', total: 3, done: 1, failed: 0, loop: 1, loops: 1, tasksRun: 2, sessionIds: [], startedAt: '', usage: makeSession('x').usage } as Run;
    store.applyNotification('runs/progress', { run, event: 'taskStarted', message: 'retrying' });
    expect(store.runs.get('r1')!.done).toBe(1);
    expect(store.runMessages.get('r1')).toBe('retrying');
    expect(topics).toEqual(['sessions', 'sessions', 'runs']);
  });
});

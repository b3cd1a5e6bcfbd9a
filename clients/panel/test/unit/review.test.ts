// @vitest-environment happy-dom
// The Review tab over an in-memory host: one inbox of every session's agent hunks grouped by session, Accept /
// Reject / Undo by hunk, file and session, the question a mixed reject asks, keyboard, live refresh, and the
// transcript's pending / kept / rejected marks.
import { afterEach, describe, expect, test } from 'vitest';
import type { ReviewChangesResult, ReviewFile, Session } from '../../../protocol/protocol';
import { ReviewInbox } from '../../src/state/review';
import { FakeHost, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const label = (sessionId: string, name: string) => ({ sessionId, turnId: 't_1', agentId: 'claude-code', sessionName: name });
const file = (sessionId: string, name: string, path: string, ids: string[], mixed = false): ReviewFile => ({
  path,
  status: 'modified',
  binary: false,
  mixed,
  ...label(sessionId, name),
  hunks: ids.map((id, i) => ({ id, oldStart: 1 + i * 10, oldLines: 1, newStart: 1 + i * 10, newLines: 1, header: '', lines: ['-old', `+new ${id}`], mixed, ...label(sessionId, name) })),
});

const sessions: Session[] = [makeSession('s1', { name: 'Claude Code 1', cwd: '/work/repo' }), makeSession('s2', { name: 'Codex 1', cwd: '/work/repo' })];

function host(review: () => ReviewChangesResult, extra: Record<string, (p: unknown) => unknown> = {}): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions }),
    'agents/list': () => ({ agents: [] }),
    'runs/list': () => ({ runs: [] }),
    'sessions/history': () => ({ events: [], hasMore: false }),
    'review/changes': () => review(),
    'review/accept': () => ({ accepted: 1, decisionId: 'd_accept' }),
    'review/reject': () => ({ rejected: 1, decisionId: 'd_reject', trashed: [] }),
    'review/undo': () => ({ restored: 1 }),
    ...extra,
  });
}

const twoSessions = (): ReviewChangesResult => ({
  files: [file('s1', 'Claude Code 1', 'src/a.ts', ['h1', 'h2']), file('s2', 'Codex 1', 'src/b.ts', ['h3'])],
  sessions: [],
});

const key = (target: Element, k: string): void => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
};

afterEach(() => {
  document.body.innerHTML = '';
});

async function openReview(fake: FakeHost) {
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-review')!.click();
  await panel.flush();
  await panel.flush();
  const view = () => panel.root.querySelector<HTMLElement>('.review-view')!;
  return { panel, view };
}

describe('review tab', () => {
  test('lists every session\'s pending agent hunks of the folder, grouped by session, and counts them on the tab', async () => {
    const fake = host(twoSessions);
    const { panel, view } = await openReview(fake);
    expect(fake.requests('review/changes').map((r) => r.params)).toContainEqual({ cwd: '/work/repo' });
    expect([...view().querySelectorAll('.review-session .session-name')].map((e) => e.textContent)).toEqual(['Claude Code 1', 'Codex 1']);
    expect([...view().querySelectorAll('.review-hunk')].length).toBe(3);
    expect(panel.root.querySelector('#tab-review')?.textContent).toBe('Review (3)');
  });

  test('a host session\'s folder is reviewed on its host: review/changes and Reject carry the host', async () => {
    const onBox = makeSession('s9', { name: 'On the box', cwd: '/srv/app', host: 'box' });
    const fake = new FakeHost({
      'sessions/list': () => ({ sessions: [onBox] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [] }),
      'review/changes': (p) => ((p as { host?: string }).host === 'box' ? { files: [file('s9', 'On the box', 'README.md', ['hb'])], sessions: [] } : { files: [], sessions: [] }),
      'review/reject': () => ({ rejected: 1, decisionId: 'd_box', trashed: [] }),
    });
    const { panel, view } = await openReview(fake);
    expect(fake.requests('review/changes').map((r) => r.params)).toContainEqual({ cwd: '/srv/app', host: 'box' });
    [...view().querySelectorAll<HTMLButtonElement>('.review-hunk button')].find((b) => b.textContent === 'Reject')!.click();
    await panel.flush();
    expect(fake.requests('review/reject').map((r) => r.params)).toEqual([{ cwd: '/srv/app', host: 'box', hunkIds: ['hb'], confirm: false }]);
  });

  test('Accept and Reject by hunk, file and session send the right selection; each decision can be undone', async () => {
    const fake = host(twoSessions);
    const { panel, view } = await openReview(fake);
    const hunk = view().querySelector<HTMLElement>('[data-review-key="h:h2"]')!;
    hunk.querySelector<HTMLButtonElement>('button[aria-label^="Reject"]')!.click();
    await panel.flush();
    expect(fake.requests('review/reject').at(-1)!.params).toEqual({ cwd: '/work/repo', hunkIds: ['h2'], confirm: false });
    const fileItem = view().querySelector<HTMLElement>('.review-file .review-item')!;
    fileItem.querySelector<HTMLButtonElement>('button[aria-label^="Accept"]')!.click();
    await panel.flush();
    expect(fake.requests('review/accept').at(-1)!.params).toEqual({ cwd: '/work/repo', paths: ['src/a.ts'], sessionId: 's1' });
    const sessionItem = [...view().querySelectorAll<HTMLElement>('.review-session')][1]!;
    sessionItem.querySelector<HTMLButtonElement>('button[aria-label^="Reject"]')!.click();
    await panel.flush();
    expect(fake.requests('review/reject').at(-1)!.params).toEqual({ cwd: '/work/repo', paths: ['.'], sessionId: 's2', confirm: false });

    await panel.flush();
    const undo = [...view().querySelectorAll<HTMLButtonElement>('.review-decision button')];
    expect(undo.map((b) => b.getAttribute('aria-label'))[0]).toContain('every change of Codex 1');
    undo[0]!.click();
    await panel.flush();
    expect(fake.requests('review/undo').map((r) => r.params)).toEqual([{ cwd: '/work/repo', decisionId: 'd_reject' }]);
  });

  test('a mixed hunk: the reject is refused naming what is lost, the inbox asks, and only "Reject anyway" confirms', async () => {
    let confirmed: unknown;
    const fake = host(() => ({ files: [file('s1', 'Claude Code 1', 'src/a.ts', ['h1'], true)], sessions: [] }), {
      'review/reject': (p) => {
        if (!(p as { confirm: boolean }).confirm) throw { code: -32019, message: "src/a.ts line 1: 'mine' would be lost" };
        confirmed = p;
        return { rejected: 1, decisionId: 'd_x' };
      },
    });
    const { panel, view } = await openReview(fake);
    expect(view().querySelector('.review-mixed')?.textContent).toBe('you edited it');
    view().querySelector<HTMLButtonElement>('[data-review-key="h:h1"] button[aria-label^="Reject"]')!.click();
    await panel.flush();
    await panel.flush();
    const question = view().querySelector<HTMLElement>('.review-question')!;
    expect(question.hidden).toBe(false);
    expect(question.textContent).toContain("'mine' would be lost");
    expect(confirmed).toBeUndefined();
    [...question.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.startsWith('Reject anyway'))!.click();
    await panel.flush();
    expect(confirmed).toEqual({ cwd: '/work/repo', hunkIds: ['h1'], confirm: true });
  });

  test('keyboard: arrows move between items, A accepts and R rejects the focused one, U undoes the last decision', async () => {
    const fake = host(twoSessions);
    const { panel, view } = await openReview(fake);
    const items = () => [...view().querySelectorAll<HTMLElement>('[data-review-key]')];
    items()[0]!.focus();
    key(document.activeElement!, 'ArrowDown');
    key(document.activeElement!, 'ArrowDown');
    expect((document.activeElement as HTMLElement).dataset.reviewKey).toBe('h:h1');
    key(document.activeElement!, 'r');
    await panel.flush();
    expect(fake.requests('review/reject').at(-1)!.params).toMatchObject({ hunkIds: ['h1'] });
    (view().querySelector<HTMLElement>('[data-review-key="h:h3"]')!).focus();
    key(document.activeElement!, 'a');
    await panel.flush();
    expect(fake.requests('review/accept').at(-1)!.params).toMatchObject({ hunkIds: ['h3'] });
    key(view().querySelector<HTMLElement>('[data-review-key="h:h2"]')!, 'u');
    await panel.flush();
    expect(fake.requests('review/undo').at(-1)!.params).toEqual({ cwd: '/work/repo', decisionId: 'd_accept' });
  });

  test('a file-change event reads the review again; the transcript row shows pending, then rejected', async () => {
    let review: ReviewChangesResult = { files: [], sessions: [] };
    const fake = host(() => review, {
      'sessions/history': () => ({ events: [{ sessionId: 's1', seq: 1, at: '2026-01-01T00:00:00Z', event: { type: 'fileChange', path: '/work/repo/src/a.ts', change: 'modified' } }], hasMore: false }),
    });
    const panel = await mountPanel(fake);
    panel.app.openSession('s1');
    await panel.flush();
    await panel.flush();
    const badge = () => panel.root.querySelector('.row-fileChange .badge[aria-label^="Review"]')?.textContent;
    expect(badge()).toBeUndefined();

    review = { files: [file('s1', 'Claude Code 1', 'src/a.ts', ['h1'])], sessions: [] };
    const before = fake.requests('review/changes').length;
    fake.deliver({ kind: 'notification', method: 'sessions/event', params: { sessionId: 's1', seq: 2, at: '2026-01-01T00:00:01Z', event: { type: 'fileChange', path: '/work/repo/src/a.ts', change: 'modified' } } });
    await waitFor(() => fake.requests('review/changes').length > before);
    await panel.flush();
    await panel.flush();
    expect(badge()).toBe('pending');

    review = { files: [], sessions: [] };
    await panel.actions.rejectReview({ cwd: '/work/repo', selection: { hunkIds: ['h1'] }, label: 'x', targets: [{ sessionId: 's1', path: 'src/a.ts' }] });
    await panel.flush();
    await panel.flush();
    expect(badge()).toBe('rejected');

    // Undo puts the hunk back: pending again; accepting it then marks the row kept.
    review = { files: [file('s1', 'Claude Code 1', 'src/a.ts', ['h1'])], sessions: [] };
    await panel.actions.undoReview(panel.store.review.undoable()[0]!);
    await panel.flush();
    await panel.flush();
    expect(badge()).toBe('pending');

    review = { files: [], sessions: [] };
    await panel.actions.acceptReview({ cwd: '/work/repo', selection: { hunkIds: ['h1'] }, label: 'x', targets: [{ sessionId: 's1', path: 'src/a.ts' }] });
    await panel.flush();
    await panel.flush();
    expect(badge()).toBe('kept');
  });
});

describe('what became of a file, as the server keeps it', () => {
  const decided = (outcome: 'kept' | 'rejected', decisionId: string): ReviewChangesResult => ({
    files: [],
    sessions: [],
    decided: [{ sessionId: 's1', turnId: 't_1', path: 'src/a.ts', outcome, decisionId }],
  });

  test('a decision made in another client shows on the transcript row, and follows it live through review/changed', async () => {
    let review: ReviewChangesResult = decided('rejected', 'd_elsewhere');
    const fake = host(() => review, {
      'sessions/history': () => ({ events: [{ sessionId: 's1', seq: 1, at: '2026-01-01T00:00:00Z', event: { type: 'fileChange', path: '/work/repo/src/a.ts', change: 'modified' } }], hasMore: false }),
    });
    const panel = await mountPanel(fake);
    panel.app.openSession('s1');
    await panel.flush();
    await panel.flush();
    const badge = () => panel.root.querySelector('.row-fileChange .badge[aria-label^="Review"]')?.textContent;
    // This panel decided nothing: the mark is the server's.
    expect(fake.requests('review/reject')).toEqual([]);
    expect(badge()).toBe('rejected');

    // Another client undoes that reject and accepts instead: review/changed, and the row says kept.
    review = decided('kept', 'd_elsewhere_2');
    let before = fake.requests('review/changes').length;
    fake.deliver({ kind: 'notification', method: 'review/changed', params: { cwd: '/work/repo', paths: ['src/a.ts'] } });
    await waitFor(() => fake.requests('review/changes').length > before);
    await panel.flush();
    await panel.flush();
    expect(badge()).toBe('kept');

    // And undoes that too: nothing decided, nothing pending, no mark.
    review = { files: [], sessions: [], decided: [] };
    before = fake.requests('review/changes').length;
    fake.deliver({ kind: 'notification', method: 'review/changed', params: { cwd: '/work/repo', paths: ['src/a.ts'] } });
    await waitFor(() => fake.requests('review/changes').length > before);
    await panel.flush();
    await panel.flush();
    expect(badge()).toBeUndefined();
  });

  test('the inbox shows its own decision at once, then whatever the server answers after it', () => {
    const inbox = new ReviewInbox();
    const target = { sessionId: 's1', path: 'src/a.ts' };
    inbox.setFolder('/work/repo', { files: [file('s1', 'Claude Code 1', 'src/a.ts', ['h1'])], sessions: [], decided: [] });
    expect(inbox.outcome('s1', '/work/repo/src/a.ts')).toBe('pending');

    // A read sent before the reject answers after it: it cannot know the reject, so the panel's own mark stays.
    const stale = inbox.epoch;
    inbox.addDecision({ decisionId: 'd_1', cwd: '/work/repo', kind: 'reject', label: 'x', targets: [target], undone: false });
    inbox.setFolder('/work/repo', { files: [], sessions: [], decided: [] }, stale);
    expect(inbox.outcome('s1', '/work/repo/src/a.ts')).toBe('rejected');

    // A read sent after it is the truth: here another client had already undone it and accepted.
    inbox.setFolder('/work/repo', decided('kept', 'd_2'), inbox.epoch);
    expect(inbox.outcome('s1', '/work/repo/src/a.ts')).toBe('kept');

    // This panel's undo hides the server's entry for that decision until the next answer.
    inbox.setFolder('/work/repo', decided('rejected', 'd_1'), inbox.epoch);
    expect(inbox.outcome('s1', 'src/a.ts')).toBe('rejected');
    inbox.markUndone('d_1');
    expect(inbox.outcome('s1', 'src/a.ts')).toBeUndefined();
    inbox.setFolder('/work/repo', decided('kept', 'd_0'), inbox.epoch);
    expect(inbox.outcome('s1', 'src/a.ts')).toBe('kept');
    // Another session's decision on the same file is not this session's.
    expect(inbox.outcome('s2', 'src/a.ts')).toBeUndefined();
  });

  test('a server that sends no decided list leaves the panel its own marks', () => {
    const inbox = new ReviewInbox();
    inbox.addDecision({ decisionId: 'd_1', cwd: '/work/repo', kind: 'accept', label: 'x', targets: [{ sessionId: 's1', path: 'src/a.ts' }], undone: false });
    inbox.setFolder('/work/repo', { files: [], sessions: [] }, inbox.epoch);
    expect(inbox.outcome('s1', 'src/a.ts')).toBe('kept');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

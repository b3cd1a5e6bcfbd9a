import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, clickNotificationLink, EventEmitter, ProgressLocation, recorded } from '../fakes/vscode';
import type { PermissionRequestParams, Session } from '../../src/protocol';
import { PermissionBroker } from '../../src/permissions/permissionBroker';
import { askWithNotification } from '../../src/permissions/permissionNotification';
import { ActivityTracker } from '../../src/status/activityTracker';
import { LiveNotices } from '../../src/status/liveNotices';
import { NoticePolicy } from '../../src/status/noticePolicy';
import { TurnNotices } from '../../src/status/turnNotices';
import { waitFor } from '../real/waitFor';
import { FakeRpcClient } from './fakeRpcClient';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const session = (id: string, status: Session['status'], lastSeq = 1): Session =>
  ({ id, name: `Claude ${id}`, agentId: 'claude-code', cwd: '/r', status, permissionMode: 'ask', lastSeq, createdAt: '', updatedAt: '', usage: {} }) as unknown as Session;

describe('NoticePolicy', () => {
  it('no toast for what the user just did, a restart only in the status bar', () => {
    const policy = new NoticePolicy(() => false);
    expect(policy.decide({ kind: 'userAction' })).toBe('none');
    expect(policy.decide({ kind: 'serverRestarting' })).toBe('statusBar');
  });

  it('one toast per subject for what ended out of sight, none while the view shows it', () => {
    let visible = true;
    const policy = new NoticePolicy(() => visible);
    const turn = { kind: 'turnEnded', sessionId: 's1', failed: true, seq: 4 } as const;
    expect(policy.decide(turn)).toBe('none');
    visible = false;
    expect(policy.decide(turn)).toBe('toast');
    expect(policy.decide(turn)).toBe('none');
    expect(policy.decide({ ...turn, seq: 9 })).toBe('toast'); // the next turn is a subject of its own
    expect(policy.decide({ kind: 'runEnded', runId: 'r1', failed: false })).toBe('toast');
  });

  it('a subject whose state cleared is not toasted again', () => {
    const policy = new NoticePolicy(() => false);
    const pending = { kind: 'permissionPending', requestId: 7 } as const;
    policy.clear(pending);
    expect(policy.decide(pending)).toBe('none');
  });
});

describe('TurnNotices', () => {
  beforeEach(() => recorded.reset());

  it('says nothing for a turn that ends while the view is on screen; one toast with Open Session when it is hidden', async () => {
    const server = new FakeRpcClient();
    let visible = true;
    const opened: string[] = [];
    answerMessagesWith(async () => 'Open Session');
    new TurnNotices(server, new ActivityTracker(server), new NoticePolicy(() => visible), (id) => opened.push(id));

    server.notify('sessions/changed', { session: session('a', 'running', 1) });
    server.notify('sessions/changed', { session: session('a', 'idle', 5) });
    expect(recorded.messages).toEqual([]);

    visible = false;
    server.notify('sessions/changed', { session: session('a', 'running', 6) });
    server.notify('sessions/changed', { session: session('a', 'failed', 9) });
    server.notify('sessions/changed', { session: session('a', 'failed', 9) }); // the same end again: nothing more
    server.notify('sessions/changed', { session: session('b', 'idle', 2) }); // never seen busy: not a turn's end
    await waitFor('Open Session', () => opened.length === 1);
    expect(recorded.messages.map((m) => [m.level, m.text, m.items])).toEqual([['warning', 'Maestro: the turn of Claude a failed (its transcript says why).', ['Retry', 'Open Session']]]);
    expect(opened).toEqual(['a']);
  });

  it('Retry sends the failed turn\'s prompt again', async () => {
    const server = new FakeRpcClient();
    const prompt = (seq: number, text: string) => ({ sessionId: 'a', seq, time: '', event: { type: 'prompt', turnId: `t${seq}`, text } });
    server.handlers.set('sessions/history', () => ({ events: [prompt(2, 'first'), { sessionId: 'a', seq: 3, time: '', event: { type: 'error', message: 'x' } }, prompt(6, 'write\nthe notes'), { sessionId: 'a', seq: 7, time: '', event: { type: 'error', message: 'boom' } }], hasMore: false }));
    server.handlers.set('sessions/prompt', () => ({ stopReason: 'endTurn' }));
    answerMessagesWith(async () => 'Retry');
    new TurnNotices(server, new ActivityTracker(server), new NoticePolicy(() => false), () => undefined);
    server.notify('sessions/changed', { session: session('a', 'running', 5) });
    server.notify('sessions/changed', { session: session('a', 'failed', 7) });
    await waitFor('the prompt sent again', () => server.requests.some((r) => r.method === 'sessions/prompt'));
    expect(server.requests.find((r) => r.method === 'sessions/prompt')?.params).toEqual({ sessionId: 'a', text: 'write\nthe notes' });
  });

  it('leaves the sessions of a Playbook run to the run\'s own notice', async () => {
    const server = new FakeRpcClient();
    const tracker = new ActivityTracker(server);
    server.notify('runs/progress', { event: 'taskStarted', run: { id: 'r1', status: 'running', sessionIds: ['t'] } });
    new TurnNotices(server, tracker, new NoticePolicy(() => false), () => undefined);
    server.notify('sessions/changed', { session: session('t', 'running') });
    server.notify('sessions/changed', { session: session('t', 'idle', 3) });
    await settle();
    expect(recorded.messages).toEqual([]);
  });
});

describe('the permission toast', () => {
  beforeEach(() => recorded.reset());

  const request = (sessionId = 's1'): PermissionRequestParams => ({
    sessionId,
    toolCall: { id: 't1', kind: 'edit', title: 'Write greeting.txt' },
    options: [
      { id: 'always', label: 'Always allow', kind: 'allowAlways' },
      { id: 'once', label: 'Allow', kind: 'allowOnce' },
      { id: 'no', label: 'Reject', kind: 'rejectOnce' },
    ],
  }) as unknown as PermissionRequestParams;
  const toasts = () => recorded.progress.filter((p) => p.location === ProgressLocation.Notification);
  const text = 'Maestro: Claude Code is waiting for you: Write greeting.txt';

  function setUp(visible: { value: boolean }) {
    const visibility = new EventEmitter<void>();
    const opened: string[] = [];
    const notices = new LiveNotices();
    const broker = new PermissionBroker(
      askWithNotification({
        policy: new NoticePolicy(() => visible.value),
        notices,
        sessionName: () => 'Claude Code',
        viewVisible: () => visible.value,
        onDidChangeViewVisibility: (listener) => visibility.event(listener),
        showSession: (id) => opened.push(id),
      }),
    );
    return { broker, visibility, opened, notices };
  }

  it('none while the view shows the card; one, naming the target, with Allow (once) and Open Session links, when the view is hidden; its Allow answers and closes it', async () => {
    const visible = { value: true };
    const { broker, visibility, notices } = setUp(visible);
    const answer = broker.handle('permissions/request', request(), new AbortController().signal);
    await settle();
    expect(toasts()).toEqual([]);

    visible.value = false;
    visibility.fire();
    await waitFor('the toast', () => toasts().length === 1);
    const [toast] = toasts();
    expect(toast!.title).toMatch(/^Maestro: Claude Code is waiting for you: Write greeting\.txt — \[Allow\]\(command:maestro\.noticeAction\?[^)]+\) · \[Open Session\]\(command:maestro\.noticeAction\?[^)]+\)$/);
    expect(toast!.done).toBe(false);
    await clickNotificationLink(text, 'Allow');
    expect(await answer).toEqual({ optionId: 'once', cancelled: false });
    await waitFor('the toast closed', () => toast!.done);
    expect(recorded.messages).toEqual([]);
    notices.dispose();
  });

  it('answered in the panel first: no toast comes later; answered in the panel while its toast shows: the toast closes by itself and its late click does nothing', async () => {
    const visible = { value: true };
    const { broker, visibility, opened, notices } = setUp(visible);
    const first = broker.handle('permissions/request', request(), new AbortController().signal);
    broker.answerFromPanel(1, { optionId: 'no', cancelled: false });
    expect(await first).toEqual({ optionId: 'no', cancelled: false });
    visible.value = false;
    visibility.fire();
    await settle();
    expect(toasts()).toEqual([]);

    // Shown while hidden, then answered in the panel.
    const second = broker.handle('permissions/request', request(), new AbortController().signal);
    await waitFor('the toast', () => toasts().length === 1);
    broker.answerFromPanel(2, { optionId: 'no', cancelled: false });
    expect(await second).toEqual({ optionId: 'no', cancelled: false });
    await waitFor('the toast closed by itself', () => toasts()[0]!.done);
    await clickNotificationLink(text, 'Open Session');
    await clickNotificationLink(text, 'Allow');
    await settle();
    expect(opened).toEqual([]);
    notices.dispose();
  });

  it('a turn cancelled (the server withdrew the request) closes its toast', async () => {
    const { broker, notices } = setUp({ value: false });
    const withdrawn = new AbortController();
    const answer = broker.handle('permissions/request', request(), withdrawn.signal);
    await waitFor('the toast', () => toasts().length === 1);
    withdrawn.abort();
    expect(await answer).toEqual({ cancelled: true });
    await waitFor('the toast closed', () => toasts()[0]!.done);
    notices.dispose();
  });

  it('its Cancel button dismisses it and answers nothing', async () => {
    const { broker, notices } = setUp({ value: false });
    void broker.handle('permissions/request', request(), new AbortController().signal);
    await waitFor('the toast', () => toasts().length === 1);
    toasts()[0]!.cancel!();
    await waitFor('the toast closed', () => toasts()[0]!.done);
    expect(broker.pendingCount).toBe(1);
    notices.dispose();
  });

  it('Open Session shows the session, closes the toast and leaves the request to its card', async () => {
    const { broker, opened, notices } = setUp({ value: false });
    void broker.handle('permissions/request', request('s9'), new AbortController().signal);
    await waitFor('the toast', () => toasts().length === 1);
    await clickNotificationLink(text, 'Open Session');
    expect(opened).toEqual(['s9']);
    await waitFor('the toast closed', () => toasts()[0]!.done);
    expect(broker.pendingCount).toBe(1);
    notices.dispose();
  });
});

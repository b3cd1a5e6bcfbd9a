import { describe, expect, it } from 'vitest';
import type { HostToPanel } from '../../src/bridge/messages';
import { PermissionBroker } from '../../src/permissions/permissionBroker';
import type { PermissionRequestParams, PermissionResponse } from '../../src/protocol';

const request: PermissionRequestParams = {
  sessionId: 's1',
  toolCall: { id: 't1', title: 'Write notes.md', kind: 'edit' },
  options: [
    { id: 'allow', label: 'Allow', kind: 'allowOnce' },
    { id: 'reject', label: 'Reject', kind: 'rejectOnce' },
  ],
} as PermissionRequestParams;

/** A notification the test answers (or dismisses) when it wants; records whether it was told to go away. */
function controllableNotification() {
  let answer!: (r: PermissionResponse | undefined) => void;
  const state = { asked: 0, aborted: false };
  const ask = (_params: PermissionRequestParams, signal: AbortSignal) => {
    state.asked++;
    signal.addEventListener('abort', () => (state.aborted = true));
    return new Promise<PermissionResponse | undefined>((resolve) => (answer = resolve));
  };
  return { ask, answer: (r: PermissionResponse | undefined) => answer(r), state };
}

function brokerWithPanel(ask: ConstructorParameters<typeof PermissionBroker>[0]) {
  const broker = new PermissionBroker(ask);
  const toPanel: HostToPanel[] = [];
  broker.onPanelMessage((m) => toPanel.push(m));
  return { broker, toPanel };
}

describe('PermissionBroker', () => {
  it('asks both the panel and a notification; the panel answering first wins and the notification is told', async () => {
    const notification = controllableNotification();
    const { broker, toPanel } = brokerWithPanel(notification.ask);
    const result = broker.handle('permissions/request', request, new AbortController().signal);

    expect(toPanel).toEqual([{ kind: 'serverRequest', id: 1, method: 'permissions/request', params: request }]);
    expect(notification.state.asked).toBe(1);

    expect(broker.answerFromPanel(1, { optionId: 'reject', cancelled: false })).toBe(true);
    notification.answer({ optionId: 'allow', cancelled: false }); // too late
    expect(await result).toEqual({ optionId: 'reject', cancelled: false });
    expect(notification.state.aborted).toBe(true);
    expect(toPanel.at(-1)).toEqual({ kind: 'serverRequestSettled', id: 1 });
    expect(broker.pendingCount).toBe(0);
  });

  it('the notification answering first wins and the panel is told the request is settled', async () => {
    const notification = controllableNotification();
    const { broker, toPanel } = brokerWithPanel(notification.ask);
    const result = broker.handle('permissions/request', request, new AbortController().signal);
    notification.answer({ optionId: 'allow', cancelled: false });
    expect(await result).toEqual({ optionId: 'allow', cancelled: false });
    expect(toPanel.at(-1)).toEqual({ kind: 'serverRequestSettled', id: 1 });
    expect(broker.answerFromPanel(1, { optionId: 'reject', cancelled: false })).toBe(false);
  });

  it('a dismissed notification leaves the panel card pending until the panel answers', async () => {
    const notification = controllableNotification();
    const { broker, toPanel } = brokerWithPanel(notification.ask);
    const result = broker.handle('permissions/request', request, new AbortController().signal);
    notification.answer(undefined);
    await Promise.resolve();
    expect(broker.pendingCount).toBe(1);
    expect(broker.pendingMessages()).toEqual([{ kind: 'serverRequest', id: 1, method: 'permissions/request', params: request }]);
    expect(toPanel.some((m) => m.kind === 'serverRequestSettled')).toBe(false);
    broker.answerFromPanel('1', { optionId: 'allow', cancelled: false });
    expect(await result).toEqual({ optionId: 'allow', cancelled: false });
  });

  it('a request the server cancels settles as cancelled and tells the panel', async () => {
    const notification = controllableNotification();
    const { broker, toPanel } = brokerWithPanel(notification.ask);
    const serverSide = new AbortController();
    const result = broker.handle('permissions/request', request, serverSide.signal);
    serverSide.abort();
    expect(await result).toEqual({ cancelled: true });
    expect(toPanel.at(-1)).toEqual({ kind: 'serverRequestSettled', id: 1 });
  });
});

// How messages travel between the panel and its host. Chosen once at start-up:
// VS Code webviews have acquireVsCodeApi; JCEF and plain pages inject window.maestroHostPost and call
// window.maestroReceive (possibly only after a `maestroHostReady` window event).
import { Inbox } from './inbox';
import type { HostToPanel, PanelToHost } from './messages';
import { remoteTransport, type RemoteWindow } from './remoteTransport';

export interface Transport {
  post(message: PanelToHost): void;
  /** Registers the one receiver of host messages; messages that arrived earlier are delivered now. */
  listen(receiver: (message: HostToPanel) => void): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
}

export interface HostWindow extends Window {
  acquireVsCodeApi?: () => VsCodeApi;
  maestroHostPost?: (json: string) => void;
  maestroReceive?: (message: unknown) => void;
}

export function vscodeTransport(win: HostWindow, api: VsCodeApi): Transport {
  const inbox = new Inbox();
  win.addEventListener('message', (event: MessageEvent) => inbox.deliver(event.data));
  return { post: (message) => api.postMessage(message), listen: (receiver) => inbox.listen(receiver) };
}

/**
 * window.maestroHostPost / window.maestroReceive. maestroReceive is installed at once so that a host may call it
 * as soon as the script ran; posts made before maestroHostPost exists wait for it (the `maestroHostReady` event).
 */
export function postReceiveTransport(win: HostWindow): Transport {
  const inbox = new Inbox();
  win.maestroReceive = (message: unknown) => inbox.deliver(message);
  let outbox: PanelToHost[] = [];
  const flush = (): void => {
    const post = win.maestroHostPost;
    if (!post) return;
    const waiting = outbox;
    outbox = [];
    for (const message of waiting) post(JSON.stringify(message));
  };
  win.addEventListener('maestroHostReady', flush);
  return {
    post: (message) => {
      outbox.push(message);
      flush();
    },
    listen: (receiver) => inbox.listen(receiver),
  };
}

export function pickTransport(win: HostWindow): { transport: Transport; host: 'vscode' | 'postReceive' | 'remote' } {
  if (typeof win.acquireVsCodeApi === 'function') return { transport: vscodeTransport(win, win.acquireVsCodeApi()), host: 'vscode' };
  // The page the daemon serves for phones (remote/start) marks its root; the panel is then its own host.
  if (win.document?.getElementById('maestro-root')?.dataset.host === 'remote') return { transport: remoteTransport(win as unknown as RemoteWindow), host: 'remote' };
  return { transport: postReceiveTransport(win), host: 'postReceive' };
}

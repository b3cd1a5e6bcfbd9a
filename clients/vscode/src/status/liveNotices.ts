import * as vscode from 'vscode';

/**
 * The internal command a live notice's links run (`command:maestro.noticeAction?[noticeId, actionIndex]`). Not
 * contributed in package.json, so it is not in the command palette.
 */
export const noticeActionCommand = 'maestro.noticeAction';

export interface NoticeAction {
  label: string;
  run(): void;
  /** Whether choosing it closes the notice (Open Session, Dismiss); an action whose outcome clears the state (Allow, Restart) leaves that to the state. */
  closes?: boolean;
}

export interface LiveNotice {
  /** Takes the notice off the screen (its state cleared); later clicks on its links do nothing. */
  close(): void;
  readonly closed: boolean;
}

interface OpenNotice {
  actions: NoticeAction[];
  close(): void;
}

/**
 * Toasts that go away when their state clears. VS Code cannot close a `show*Message` notification from code
 * (microsoft/vscode#50232), but a notification progress (`withProgress` at `ProgressLocation.Notification`) closes when
 * its task settles. Its title renders markdown links, which the workbench opens with commands allowed, so each action
 * is a `command:` link to one internal command naming the notice and the action. It is cancellable: a notification
 * with a button is shown expanded (without one, a message longer than the toast is cut to one line, hiding the
 * links), and its Cancel is how the user dismisses it (a running progress has no close button); dismissing answers
 * nothing.
 */
export class LiveNotices implements vscode.Disposable {
  private nextId = 1;
  private readonly open = new Map<number, OpenNotice>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.commands.registerCommand(noticeActionCommand, (id: unknown, index: unknown) => this.choose(Number(id), Number(index)));
  }

  /**
   * Shows `text` with the actions as links; it stays until closed (by the state, an action that closes, or the user's
   * Cancel, which calls `onDismiss`).
   */
  show(text: string, actions: NoticeAction[], onDismiss?: () => void): LiveNotice {
    const id = this.nextId++;
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const notice = {
      closed: false,
      close: () => {
        if (notice.closed) return;
        notice.closed = true;
        this.open.delete(id);
        finish();
      },
    };
    this.open.set(id, { actions, close: notice.close });
    const links = actions.map((action, index) => `[${linkLabel(action.label)}](${commandLink(id, index)})`).join(' · ');
    const title = links ? `${plainText(text)} — ${links}` : plainText(text);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_, token) => {
      token.onCancellationRequested(() => {
        notice.close();
        onDismiss?.();
      });
      return done;
    });
    return notice;
  }

  /** A link was clicked; a notice already closed (its state cleared meanwhile) ignores it. */
  private choose(id: number, index: number): void {
    const notice = this.open.get(id);
    const action = notice?.actions[index];
    if (!notice || !action) return;
    if (action.closes) notice.close();
    action.run();
  }

  dispose(): void {
    for (const notice of [...this.open.values()]) notice.close();
    this.registration.dispose();
  }
}

/** `command:maestro.noticeAction?<JSON arguments>`, as VS Code's command links take them. */
export function commandLink(id: number, index: number): string {
  return `command:${noticeActionCommand}?${encodeURIComponent(JSON.stringify([id, index]))}`;
}

/** Text that cannot be read as a link: an agent's title such as "[x](command:…)" stays text. */
function plainText(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

function linkLabel(label: string): string {
  return label.replace(/[[\]]/g, '');
}

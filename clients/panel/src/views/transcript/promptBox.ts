// The prompt box. Enter sends and Shift+Enter breaks a line (the host's `sendWith: 'ctrlEnter'` makes Enter break
// lines instead); Ctrl/Cmd+Enter always sends. Sending never waits on the server: the text goes into a queued chip at
// once and the box is ready for the next prompt. One button slot: Send, or Cancel while a turn runs and the box is
// empty, so nothing in the toolbar shifts. While the server is not connected Send is disabled with the reason and
// the text stays in the box; a prompt the server did not take comes back into it.
import type { QueuedPrompt } from '../../state/store';
import { button, clear, h } from '../dom';

export interface PromptBoxState {
  /** A turn runs: the empty box's button is Cancel. */
  busy: boolean;
  /** Why sending is not possible now (the server is down, the session closed), or undefined when it is. */
  blocked?: string;
}

export class PromptBox {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly action: HTMLButtonElement;
  private readonly reason: HTMLElement;
  private state: PromptBoxState = { busy: false };

  constructor(
    private readonly send: (text: string) => void,
    private readonly cancel: () => void = () => undefined,
    private readonly enterSends = true,
  ) {
    const hint = enterSends ? 'Enter to send, Shift+Enter for a new line' : 'Ctrl+Enter to send';
    this.textarea = h('textarea', {
      class: 'prompt-input',
      attrs: { rows: '3', placeholder: `Ask the agent… (${hint})`, 'aria-label': 'Prompt', 'aria-keyshortcuts': enterSends ? 'Enter Control+Enter Meta+Enter' : 'Control+Enter Meta+Enter' },
    });
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      const sends = event.ctrlKey || event.metaKey || (this.enterSends && !event.shiftKey && !event.altKey);
      if (!sends) return;
      event.preventDefault();
      this.submit();
    });
    this.textarea.addEventListener('input', () => this.renderAction());
    this.chips = h('div', { class: 'queued', attrs: { 'aria-label': 'Queued prompts', role: 'list' } });
    this.action = button('Send', () => this.onAction(), { class: 'primary prompt-action' });
    this.reason = h('div', { class: 'prompt-blocked meta', attrs: { role: 'status' } });
    this.element = h('div', { class: 'prompt-box' }, this.chips, h('div', { class: 'prompt-row' }, this.textarea, this.action), this.reason);
    this.renderAction();
  }

  /** Sends the box's text unless sending is blocked; the text stays in the box then. */
  submit(): void {
    const text = this.textarea.value.trim();
    if (!text || this.state.blocked) return;
    this.textarea.value = '';
    this.send(text);
    this.renderAction();
  }

  setState(state: PromptBoxState): void {
    this.state = state;
    this.renderAction();
  }

  /** Puts back a prompt the server did not take, unless the user already typed something new. */
  restore(text: string): boolean {
    if (this.textarea.value.trim()) return false;
    this.textarea.value = text;
    this.renderAction();
    return true;
  }

  showQueued(queued: readonly QueuedPrompt[]): void {
    clear(this.chips);
    for (const prompt of queued) {
      this.chips.appendChild(h('span', { class: 'chip queued-chip', attrs: { role: 'listitem', title: prompt.text }, text: `Queued: ${prompt.text}` }));
    }
  }

  focus(): void {
    this.textarea.focus();
  }

  private onAction(): void {
    if (this.cancels()) this.cancel();
    else this.submit();
  }

  private cancels(): boolean {
    return this.state.busy && !this.textarea.value.trim();
  }

  private renderAction(): void {
    const cancels = this.cancels();
    this.action.textContent = cancels ? 'Cancel' : 'Send';
    this.action.className = cancels ? 'prompt-action' : 'primary prompt-action';
    this.action.setAttribute('aria-label', cancels ? 'Cancel the running turn' : 'Send prompt');
    this.action.disabled = !cancels && this.state.blocked !== undefined;
    this.action.title = !cancels && this.state.blocked ? this.state.blocked : '';
    this.reason.textContent = this.state.blocked ?? '';
    this.reason.hidden = !this.state.blocked;
  }
}

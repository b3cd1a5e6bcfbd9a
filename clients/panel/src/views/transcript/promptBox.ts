// The prompt box: Ctrl/Cmd+Enter sends. Sending never waits on the server: the text goes into a queued chip at
// once and the box is ready for the next prompt.
import type { QueuedPrompt } from '../../state/store';
import { button, clear, h } from '../dom';

export class PromptBox {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly chips: HTMLElement;

  constructor(private readonly send: (text: string) => void) {
    this.textarea = h('textarea', {
      class: 'prompt-input',
      attrs: { rows: '3', placeholder: 'Ask the agent… (Ctrl+Enter to send)', 'aria-label': 'Prompt', 'aria-keyshortcuts': 'Control+Enter Meta+Enter' },
    });
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.submit();
      }
    });
    this.chips = h('div', { class: 'queued', attrs: { 'aria-label': 'Queued prompts', role: 'list' } });
    this.element = h(
      'div',
      { class: 'prompt-box' },
      this.chips,
      h('div', { class: 'prompt-row' }, this.textarea, button('Send', () => this.submit(), { class: 'primary', attrs: { 'aria-label': 'Send prompt' } })),
    );
  }

  submit(): void {
    const text = this.textarea.value.trim();
    if (!text) return;
    this.textarea.value = '';
    this.send(text);
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
}

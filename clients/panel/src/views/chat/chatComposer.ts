// The room's composer: a text area that completes @aliases (a listbox under it; ArrowUp/ArrowDown choose, Enter or
// Tab take, Escape closes), sends on Enter (Shift+Enter for a new line). Cancel stops the room's running turns.
import { button, clear, h } from '../dom';
import { applyCompletion, completions, mentionAt, type MentionQuery } from './mentions';

export interface ComposerHandlers {
  aliases: () => readonly string[];
  send: (text: string) => Promise<boolean>;
  cancel: () => void;
}

let composerCount = 0;

export class ChatComposer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  readonly cancelButton: HTMLButtonElement;
  private readonly list: HTMLElement;
  private options: string[] = [];
  private active = 0;
  private query: MentionQuery | undefined;
  private readonly listId = `chat-completions-${composerCount++}`;

  constructor(private readonly handlers: ComposerHandlers) {
    this.input = h('textarea', {
      class: 'chat-input',
      attrs: {
        rows: '2', placeholder: 'Message the room: @alias or @all to address participants (Enter sends)', 'aria-label': 'Message',
        role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': this.listId,
      },
    });
    this.list = h('ul', { class: 'chat-completions', attrs: { id: this.listId, role: 'listbox', 'aria-label': 'Participants' } });
    this.list.hidden = true;
    this.cancelButton = button('Cancel', () => this.handlers.cancel(), { attrs: { 'aria-label': 'Cancel the running turns' } });
    const sendButton = button('Send', () => void this.send(), { class: 'primary' });
    this.element = h('div', { class: 'chat-composer' }, this.input, this.list, h('div', { class: 'toolbar' }, sendButton, this.cancelButton));
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('blur', () => this.close());
  }

  /** The aliases offered now (for tests and the view). */
  get offered(): readonly string[] {
    return this.list.hidden ? [] : this.options;
  }

  get activeOption(): string | undefined {
    return this.list.hidden ? undefined : this.options[this.active];
  }

  focus(): void {
    this.input.focus();
  }

  private update(): void {
    this.query = mentionAt(this.input.value, this.input.selectionStart ?? this.input.value.length);
    this.options = this.query ? completions(this.query.query, this.handlers.aliases()) : [];
    this.active = 0;
    this.renderList();
  }

  private renderList(): void {
    clear(this.list);
    const open = this.options.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    if (!open) {
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    this.options.forEach((alias, i) => {
      const id = `${this.listId}-${i}`;
      const item = h('li', { class: i === this.active ? 'chat-completion active' : 'chat-completion', text: `@${alias}`, attrs: { id, role: 'option', 'aria-selected': String(i === this.active) } });
      // mousedown, not click: the text area keeps its focus (and its caret).
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.take(alias);
      });
      this.list.appendChild(item);
    });
    this.input.setAttribute('aria-activedescendant', `${this.listId}-${this.active}`);
  }

  private close(): void {
    this.options = [];
    this.query = undefined;
    this.renderList();
  }

  private take(alias: string): void {
    if (!this.query) return;
    const next = applyCompletion(this.input.value, this.input.selectionStart ?? this.input.value.length, this.query, alias);
    this.input.value = next.text;
    this.input.setSelectionRange(next.caret, next.caret);
    this.close();
  }

  private onKey(event: KeyboardEvent): void {
    const completing = !this.list.hidden && this.options.length > 0;
    if (completing) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.active = (this.active + step + this.options.length) % this.options.length;
        this.renderList();
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        this.take(this.options[this.active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    }
  }

  private async send(): Promise<void> {
    const text = this.input.value;
    if (!text.trim()) return;
    this.input.value = '';
    this.close();
    // Refused (unknown alias, too long): the text comes back so nothing typed is lost.
    if (!(await this.handlers.send(text)) && !this.input.value) this.input.value = text;
  }
}

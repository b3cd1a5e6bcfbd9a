// Group chat: asks chat/list; this server may not have the feature yet (-32601), which is said plainly.
import type { Actions } from '../state/actions';
import type { Store } from '../state/store';
import { clear, h } from './dom';

export class ChatView {
  readonly element: HTMLElement;
  private requested = false;

  constructor(private readonly store: Store, private readonly actions: Actions) {
    this.element = h('section', { class: 'chat-view', attrs: { 'aria-label': 'Group chat', 'aria-live': 'polite' } });
  }

  /** Called when the tab is shown: the first time, ask the server. */
  shown(): void {
    if (this.requested) return;
    this.requested = true;
    void this.actions.loadChat();
  }

  render(): void {
    clear(this.element);
    const chat = this.store.chat;
    switch (chat.state) {
      case 'idle':
      case 'loading':
        this.element.appendChild(h('div', { class: 'meta', text: 'Loading group chat…' }));
        break;
      case 'unavailable':
        this.element.appendChild(h('div', { class: 'empty', text: 'Group chat is not available in this server yet' }));
        break;
      case 'error':
        this.element.appendChild(h('div', { class: 'error-message', text: chat.message }));
        break;
      case 'ready':
        if (chat.rooms.length === 0) this.element.appendChild(h('div', { class: 'empty', text: 'No chat rooms yet.' }));
        for (const room of chat.rooms) {
          this.element.appendChild(h('div', { class: 'run-item' }, h('div', { class: 'session-name', text: room.name }), h('div', { class: 'session-meta', text: room.participants.map((p) => `@${p.alias}`).join(' ') })));
        }
        break;
    }
  }
}

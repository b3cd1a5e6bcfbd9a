// The Chat tab: the room list (chat/list; a server without the feature answers -32601, said plainly), a room (see
// chat/roomView.ts) and the create-room form. Keyboard: ArrowUp/ArrowDown move in the list, Enter opens, N starts a
// new room; Escape leaves a room or the form.
import type { ChatCreateParams } from '../../../protocol/protocol';
import type { Actions } from '../state/actions';
import type { Store } from '../state/store';
import { renderNewRoomForm } from './chat/newRoomForm';
import { RoomView } from './chat/roomView';
import { button, clear, h, isTyping } from './dom';

type ChatPage = { kind: 'list' } | { kind: 'new' } | { kind: 'room'; view: RoomView };

export class ChatView {
  readonly element: HTMLElement;
  private requested = false;
  private page: ChatPage = { kind: 'list' };
  private form: HTMLFormElement | undefined;

  constructor(private readonly store: Store, private readonly actions: Actions) {
    this.element = h('section', { class: 'chat-view', attrs: { 'aria-label': 'Group chat' } });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  get room(): RoomView | undefined {
    return this.page.kind === 'room' ? this.page.view : undefined;
  }

  /** Called when the tab is shown: the first time, ask the server. */
  shown(): void {
    if (this.requested) return;
    this.requested = true;
    void this.actions.loadChat();
  }

  openRoom(roomId: string): void {
    const view = new RoomView(roomId, this.store, this.actions, () => this.showList());
    this.page = { kind: 'room', view };
    void this.actions.openRoom(roomId);
    this.render();
    view.composer.focus();
  }

  showList(): void {
    this.page = { kind: 'list' };
    this.render();
    this.element.querySelector<HTMLElement>('.chat-room-item, button')?.focus();
  }

  /** The create-room form (also what the editor's "New Group Chat" command opens). */
  showNewRoom(): void {
    this.page = { kind: 'new' };
    this.form = undefined;
    this.render();
    (this.form as HTMLFormElement | undefined)?.querySelector<HTMLElement>('input, select')?.focus();
    // The SSH hosts a participant may run on: asked each time, the form built again if they arrive (before any typing, in practice).
    const before = this.store.runHosts;
    void this.actions.loadRunHosts().then(() => {
      if (this.page.kind !== 'new' || !this.form || this.store.runHosts === before || this.store.runHosts.length === 0) return;
      this.form = undefined;
      this.render();
      (this.form as HTMLFormElement | undefined)?.querySelector<HTMLElement>('input, select')?.focus();
    });
  }

  render(): void {
    if (this.page.kind === 'room') {
      if (this.element.firstChild !== this.page.view.element) {
        clear(this.element);
        this.element.appendChild(this.page.view.element);
      }
      this.page.view.render();
      return;
    }
    if (this.page.kind === 'new') {
      // The form keeps what was typed: it is built once per visit, not on every store change.
      if (!this.form) {
        this.form = renderNewRoomForm(this.store.agents, this.store.hostInfo, (params) => void this.create(params), () => this.showList(), this.store.runHosts);
        clear(this.element);
        this.element.appendChild(this.form);
      }
      return;
    }
    this.renderList();
  }

  private async create(params: ChatCreateParams): Promise<void> {
    const room = await this.actions.createRoom(params);
    if (room) this.openRoom(room.id);
  }

  private renderList(): void {
    const focusedRoom = (document.activeElement as HTMLElement | null)?.dataset?.roomId;
    clear(this.element);
    const chat = this.store.chat;
    switch (chat.state) {
      case 'idle':
      case 'loading':
        this.element.appendChild(h('div', { class: 'meta', text: 'Loading group chat…' }));
        return;
      case 'unavailable':
        this.element.appendChild(h('div', { class: 'empty', text: 'Group chat is not available in this server yet' }));
        return;
      case 'error':
        this.element.appendChild(h('div', { class: 'error-message', text: chat.message }));
        return;
    }
    this.element.appendChild(h('div', { class: 'toolbar' },
      button('New group chat', () => this.showNewRoom(), { class: 'primary', attrs: { 'aria-keyshortcuts': 'N' } }),
      button('Refresh', () => void this.actions.loadChat())));
    const rooms = this.store.chatRooms.list();
    if (rooms.length === 0) {
      this.element.appendChild(h('div', { class: 'empty', text: 'No chat rooms yet. Start one with New group chat (N).' }));
      return;
    }
    const list = h('ul', { class: 'chat-room-list', attrs: { 'aria-label': 'Chat rooms' } });
    for (const room of rooms) {
      const state = room.state === 'working' ? `working: ${room.working.map((a) => '@' + a).join(', ')}` : room.state;
      const item = h('li', { class: 'chat-room-item', attrs: { tabindex: '0', role: 'button', 'data-room-id': room.id, 'aria-label': `Open room ${room.name}` } },
        h('div', { class: 'session-name', text: room.name }),
        h('div', { class: 'session-meta', text: `${room.participants.map((p) => `@${p.alias} (${p.agentId})`).join(' ')} · ${state} · ${room.lastSeq} messages` }));
      item.addEventListener('click', () => this.openRoom(room.id));
      list.appendChild(item);
    }
    this.element.appendChild(list);
    if (focusedRoom) list.querySelector<HTMLElement>(`[data-room-id="${CSS.escape(focusedRoom)}"]`)?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (this.page.kind !== 'list' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const items = [...this.element.querySelectorAll<HTMLElement>('.chat-room-item')];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = index < 0 ? 0 : (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if ((event.key === 'Enter' || event.key === ' ') && index >= 0) {
      event.preventDefault();
      this.openRoom(items[index]!.dataset.roomId!);
    } else if ((event.key === 'n' || event.key === 'N') && !isTyping(event)) {
      event.preventDefault();
      this.showNewRoom();
    }
  }
}

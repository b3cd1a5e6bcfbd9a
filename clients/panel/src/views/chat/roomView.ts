// One room: its name and state (who is working, the round against the limit), the messages with their authors and
// mentions highlighted, and the composer. Escape (outside the composer's completion) goes back to the room list.
import type { ChatMessage, Room } from '../../../../protocol/protocol';
import type { Actions } from '../../state/actions';
import type { Store } from '../../state/store';
import { button, clear, h, setText } from '../dom';
import { ChatComposer } from './chatComposer';
import { highlightMentions } from './mentions';

export class RoomView {
  readonly element: HTMLElement;
  readonly composer: ChatComposer;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly messages: HTMLElement;
  private rendered = 0;

  constructor(readonly roomId: string, private readonly store: Store, private readonly actions: Actions, back: () => void) {
    this.title = h('h2', { class: 'chat-room-title' });
    this.status = h('div', { class: 'chat-room-status', attrs: { role: 'status' } });
    this.messages = h('ol', { class: 'chat-messages', attrs: { 'aria-label': 'Messages', 'aria-live': 'polite' } });
    this.composer = new ChatComposer({
      aliases: () => this.room()?.participants.map((p) => p.alias) ?? [],
      send: (text) => this.actions.postChat(roomId, text),
      cancel: () => void this.actions.cancelChat(roomId),
    });
    this.element = h(
      'section',
      { class: 'chat-room', attrs: { 'aria-label': 'Chat room' } },
      h('div', { class: 'toolbar' }, button('Back to rooms', () => back(), { attrs: { 'aria-keyshortcuts': 'Escape' } })),
      this.title,
      this.status,
      this.messages,
      this.composer.element,
    );
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        back();
      }
    });
  }

  room(): Room | undefined {
    return this.store.chatRooms.get(this.roomId);
  }

  render(): void {
    const room = this.room();
    if (!room) {
      setText(this.title, 'This room is gone.');
      return;
    }
    setText(this.title, room.name);
    setText(this.status, describeState(room));
    this.status.className = room.state === 'idle' || room.state === 'closed' ? 'chat-room-status' : 'chat-room-status busy';
    this.composer.cancelButton.disabled = room.state === 'idle' || room.state === 'closed';
    this.composer.input.disabled = room.state === 'closed';
    this.renderMessages(room);
  }

  /** New messages are appended; the list is rebuilt only when an earlier one arrived late. */
  private renderMessages(room: Room): void {
    const log = this.store.chatRooms.followed(this.roomId);
    const list = log?.messages ?? [];
    if (log && !log.loaded && list.length === 0) {
      if (this.rendered === 0 && !this.messages.firstChild) this.messages.appendChild(h('li', { class: 'meta', text: 'Loading messages…' }));
      return;
    }
    const shown = [...this.messages.querySelectorAll<HTMLElement>('.chat-message')].map((e) => Number(e.dataset.seq));
    const prefixIntact = shown.every((seq, i) => list[i]?.seq === seq);
    if (!prefixIntact || shown.length !== this.rendered) {
      clear(this.messages);
      this.rendered = 0;
    } else {
      this.messages.querySelector('.meta')?.remove();
    }
    if (list.length === 0 && this.rendered === 0 && !this.messages.firstChild) {
      this.messages.appendChild(h('li', { class: 'meta', text: 'No messages yet. Address participants with @alias or @all.' }));
      return;
    }
    if (list.length > 0) this.messages.querySelector('.meta')?.remove();
    const aliases = room.participants.map((p) => p.alias);
    const atBottom = this.messages.scrollTop + this.messages.clientHeight >= this.messages.scrollHeight - 4;
    for (const message of list.slice(this.rendered)) this.messages.appendChild(renderMessage(message, aliases));
    this.rendered = list.length;
    if (atBottom) this.messages.scrollTop = this.messages.scrollHeight;
  }
}

function describeState(room: Room): string {
  const rounds = room.round > 0 ? ` · round ${room.round} of ${room.maxRounds}` : ` · up to ${room.maxRounds} rounds per message`;
  const who = room.participants.map((p) => (p.host ? `@${p.alias} (${p.agentId} on ${p.host})` : `@${p.alias} (${p.agentId})`)).join(', ');
  switch (room.state) {
    case 'working':
      return `${room.working.length > 0 ? `Working: ${room.working.map((a) => '@' + a).join(', ')}` : 'Routing…'}${rounds}`;
    case 'moderating':
      return `The moderator is choosing who answers${rounds}`;
    case 'closed':
      return 'Closed';
    default:
      return `Idle · ${who}${rounds}`;
  }
}

export function renderMessage(message: ChatMessage, aliases: readonly string[]): HTMLElement {
  const kind = message.author === 'user' ? 'user' : message.author === 'system' ? 'system' : message.author === 'moderator' ? 'moderator' : 'agent';
  const author = kind === 'agent' ? '@' + message.author : message.author === 'user' ? 'You' : message.author === 'system' ? 'Maestro' : 'Moderator';
  const body = h('div', { class: 'chat-body' });
  // The server's html is rendered from markdown and sanitized (raw HTML escaped): the only HTML string the panel inserts.
  body.innerHTML = message.html;
  highlightMentions(body, aliases);
  const time = new Date(message.time);
  return h(
    'li',
    { class: `chat-message chat-${kind}`, attrs: { 'data-seq': String(message.seq), 'aria-label': `${author} said` } },
    h('div', { class: 'chat-meta' }, h('span', { class: 'chat-author', text: author }), h('span', { class: 'meta', text: Number.isNaN(time.getTime()) ? '' : time.toLocaleTimeString() })),
    body,
  );
}

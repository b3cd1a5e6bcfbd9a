// The Chat tab's data: the rooms (chat/list, then chat/changed keeps each up to date) and the messages of the rooms
// the panel opened (chat/history, then chat/message). A room's messages are kept by seq, so a live message that
// raced the history page is neither lost nor doubled.
import type { ChatMessage, Room } from '../../../protocol/protocol';

export class ChatRoomLog {
  readonly messages: ChatMessage[] = [];
  loaded = false;

  /** Adds a message in seq order; false when it was already there. */
  add(message: ChatMessage): boolean {
    const last = this.messages.at(-1);
    if (!last || last.seq < message.seq) {
      this.messages.push(message);
      return true;
    }
    if (this.messages.some((m) => m.seq === message.seq)) return false;
    const index = this.messages.findIndex((m) => m.seq > message.seq);
    this.messages.splice(index, 0, message);
    return true;
  }
}

export class ChatRooms {
  private readonly rooms = new Map<string, Room>();
  private readonly logs = new Map<string, ChatRoomLog>();

  /** Newest first. */
  list(): Room[] {
    return [...this.rooms.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  get(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  setAll(rooms: Room[]): void {
    this.rooms.clear();
    for (const room of rooms) this.rooms.set(room.id, room);
  }

  upsert(room: Room): void {
    this.rooms.set(room.id, room);
  }

  /** The log of a room the panel follows (opened once); others are not kept message by message. */
  logOf(roomId: string): ChatRoomLog {
    let log = this.logs.get(roomId);
    if (!log) {
      log = new ChatRoomLog();
      this.logs.set(roomId, log);
    }
    return log;
  }

  followed(roomId: string): ChatRoomLog | undefined {
    return this.logs.get(roomId);
  }
}

// @vitest-environment happy-dom
// The Chat tab's half of the shared recorded exchanges (tests/exchanges/chat-*.json, recorded by the C# tests): the
// rooms and messages the server really sends go through the panel's store and room view and render. (exchanges.test.ts
// still lists chat/* as not consumed, from before the Chat tab; this file is where the panel consumes them.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { ChatChangedNotification, ChatCreateParams, ChatHistoryResult, ChatListResult, ChatMessageNotification, Room } from '../../protocol/protocol';
import { Methods } from '../../protocol/protocol';
import type { Actions } from '../src/state/actions';
import { Store } from '../src/state/store';
import { checkRoom } from '../src/views/chat/newRoomForm';
import { RoomView } from '../src/views/chat/roomView';
import { panelRoot } from './host/staticServer';

const folder = join(panelRoot, '..', '..', 'tests', 'exchanges');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(folder, file), 'utf8')) as T;
const noActions = { postChat: () => Promise.resolve(true), cancelChat: () => Promise.resolve() } as unknown as Actions;

function renderRoom(store: Store, room: Room): RoomView {
  const view = new RoomView(room.id, store, noActions, () => undefined);
  view.render();
  return view;
}

test('there are chat exchanges to read', () => {
  expect(readdirSync(folder).filter((f) => f.startsWith('chat-')).length).toBeGreaterThan(5);
});

test('chat/list, chat/get and chat/create answers render as rooms; the recorded create request passes the form check', () => {
  const { rooms } = read<{ response: ChatListResult }>('chat-list.json').response;
  const store = new Store();
  store.chatRooms.setAll(rooms);
  expect(store.chatRooms.list()).toHaveLength(rooms.length);
  for (const file of ['chat-get.json', 'chat-create.json']) {
    const room = read<{ response: Room }>(file).response;
    store.chatRooms.upsert(room);
    const view = renderRoom(store, room);
    expect(view.element.querySelector('.chat-room-title')?.textContent).toBe(room.name);
    expect(view.element.querySelector('.chat-room-status')?.textContent).toContain(`@${room.participants[0]!.alias}`);
  }
  expect(checkRoom(read<{ request: ChatCreateParams }>('chat-create.json').request)).toBeUndefined();
});

test('chat/history and chat/message render with authors and highlighted mentions; chat/changed updates the room', () => {
  const { response } = read<{ response: Room }>('chat-get.json');
  const store = new Store();
  store.chatRooms.upsert(response);
  const log = store.chatRooms.logOf(response.id);
  const history = read<{ response: ChatHistoryResult }>('chat-history.json').response;
  for (const m of history.messages) log.add(m);
  log.loaded = true;
  const live = read<{ notification: ChatMessageNotification }>('chat-message.json').notification;
  store.applyNotification(Methods.ChatMessage, live);
  const changed = read<{ notification: ChatChangedNotification }>('chat-changed.json').notification;
  store.applyNotification(Methods.ChatChanged, changed);
  const view = renderRoom(store, store.chatRooms.get(response.id)!);
  const shown = [...view.element.querySelectorAll<HTMLElement>('.chat-message')];
  expect(shown.map((e) => Number(e.dataset.seq))).toEqual(log.messages.map((m) => m.seq));
  expect(shown.length).toBeGreaterThan(0);
  const mentioned = log.messages.find((m) => m.mentions.length > 0)!;
  const element = shown.find((e) => Number(e.dataset.seq) === mentioned.seq)!;
  expect(element.querySelector('.mention')?.textContent).toBe(`@${mentioned.mentions[0]}`);
  expect(store.chatRooms.get(response.id)).toEqual(changed.room);
});

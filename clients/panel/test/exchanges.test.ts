// @vitest-environment happy-dom
// The TypeScript half of the shared recorded exchanges (tests/exchanges, also read by the C# and Kotlin suites):
// every method is a name of `Methods`, and every notification and result the panel consumes goes through its store
// and renderers without error and renders something.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type {
  InitializeResult, PermissionRequestParams, PermissionResponse, Session, SessionEventNotification, SessionHistoryResult, SessionPromptResult,
} from '../../protocol/protocol';
import { Methods, SessionEventTypes } from '../../protocol/protocol';
import { Store } from '../src/state/store';
import { renderRow } from '../src/views/transcript/rowRenderer';
import { renderPermissionCard } from '../src/views/transcript/permissionCard';
import { renderNewSessionForm } from '../src/views/sessions/newSessionForm';
import { SessionsList } from '../src/views/sessions/sessionsList';
import { panelRoot } from './host/staticServer';

interface Exchange {
  method: string;
  request?: unknown;
  response?: unknown;
  notification?: unknown;
}

const folder = join(panelRoot, '..', '..', 'tests', 'exchanges');
const exchanges = readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((file) => ({ file, ...(JSON.parse(readFileSync(join(folder, file), 'utf8')) as Exchange) }));
const methodNames = new Set<string>(Object.values(Methods));
const rowContext = { canOpenDiff: true, openDiff: () => undefined, isExpanded: () => true, setExpanded: () => undefined };

/** Feeds events to a fresh store and renders every resulting row; returns the rendered elements. */
function renderEvents(events: SessionEventNotification[]): HTMLElement[] {
  const store = new Store();
  const transcript = store.transcriptOf(events[0]!.sessionId);
  // A single recorded event has the seq it had in its run: start the transcript just before it.
  transcript.lastSeq = events[0]!.seq - 1;
  store.applyNotification(Methods.SessionsEvents, { sessionId: events[0]!.sessionId, events });
  expect(transcript.lastSeq).toBe(events.at(-1)!.seq);
  return transcript.rows.map((row) => renderRow(row, rowContext));
}

function expectRendersSession(session: Session): void {
  const store = new Store();
  store.applyNotification(Methods.SessionsChanged, { session });
  const list = new SessionsList(() => undefined);
  list.render(store.sessionList());
  const item = list.element.querySelector('[role="option"]');
  expect(item?.textContent).toContain(session.name);
  expect(item?.textContent).toContain(session.agentId);
}

test('the exchanges folder is there', () => {
  expect(exchanges.length).toBeGreaterThan(10);
});

describe.each(exchanges)('$file', (exchange) => {
  test('names a method of Methods', () => {
    expect(methodNames.has(exchange.method)).toBe(true);
  });

  test('is consumed by the panel and renders', () => {
    switch (exchange.method) {
      case Methods.SessionsEvent: {
        const notification = exchange.notification as SessionEventNotification;
        expect(SessionEventTypes).toContain(notification.event.type);
        const [row] = renderEvents([notification]);
        expect(row!.textContent!.trim().length).toBeGreaterThan(0);
        expect(row!.textContent).not.toContain('Unknown event type');
        break;
      }
      case Methods.SessionsChanged:
        expectRendersSession((exchange.notification as { session: Session }).session);
        break;
      case Methods.SessionsCreate:
      case Methods.SessionsGet:
        expectRendersSession(exchange.response as Session);
        break;
      case Methods.SessionsHistory: {
        const page = exchange.response as SessionHistoryResult;
        const rows = renderEvents(page.events);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row.textContent!.trim().length).toBeGreaterThan(0);
        break;
      }
      case Methods.SessionsPrompt: {
        const result = exchange.response as SessionPromptResult;
        // The panel never waits on this answer; it only needs it to be an object it can ignore.
        expect(typeof result.turnId).toBe('string');
        expect(['endTurn', 'cancelled', 'error', 'maxTurns']).toContain(result.stopReason);
        break;
      }
      case Methods.PermissionsRequest: {
        const params = exchange.request as PermissionRequestParams;
        const store = new Store();
        store.addPermission(1, params);
        const chosen: string[] = [];
        const card = renderPermissionCard(store.permissionsFor(params.sessionId)[0]!, (id) => chosen.push(id));
        const buttons = [...card.querySelectorAll('button')];
        expect(buttons.map((b) => b.textContent)).toEqual(params.options.map((o) => o.label));
        const answer = exchange.response as PermissionResponse;
        buttons[params.options.findIndex((o) => o.id === answer.optionId)]!.click();
        expect(chosen).toEqual([answer.optionId]);
        break;
      }
      case Methods.Initialize: {
        // The host initializes; the panel shows the agents in its new-session form.
        const result = exchange.response as InitializeResult;
        const form = renderNewSessionForm(result.agents, undefined, () => undefined, () => undefined);
        const offered = [...form.querySelectorAll<HTMLOptionElement>('select[name="agent"] option')].map((o) => o.value);
        expect(offered).toEqual(result.agents.filter((a) => a.available).map((a) => a.id));
        break;
      }
      case Methods.SessionsCancel:
        expect(exchange.response ?? null).toBeNull();
        break;
      default:
        throw new Error(`no check for ${exchange.method}: add one here`);
    }
  });
});

test('every event type found in the exchanges is a known one, and each renders as its own row kind', () => {
  const types = new Set<string>();
  for (const exchange of exchanges) {
    if (exchange.method === Methods.SessionsEvent) types.add((exchange.notification as SessionEventNotification).event.type);
    if (exchange.method === Methods.SessionsHistory) for (const e of (exchange.response as SessionHistoryResult).events) types.add(e.event.type);
  }
  expect([...types].filter((t) => !(SessionEventTypes as readonly string[]).includes(t))).toEqual([]);
  expect([...types].sort()).toEqual([...SessionEventTypes].sort());
});

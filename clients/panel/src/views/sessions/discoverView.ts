// Discover: the conversations the agents keep on disk (Claude Code, Codex, OpenCode) that are not Maestro sessions
// yet (sessions/discover, for the host's folders), newest first, each with Import; an imported one offers Open.
import type { DiscoveredSession } from '../../../../protocol/protocol';
import type { Actions } from '../../state/actions';
import { discoveredKey, type DiscoverState } from '../../state/store';
import { button, h } from '../dom';

export interface DiscoverCallbacks {
  back(): void;
  openSession(sessionId: string): void;
}

export function renderDiscover(state: DiscoverState, actions: Actions, callbacks: DiscoverCallbacks, now = new Date()): HTMLElement {
  const view = h(
    'section',
    { class: 'discover-view', attrs: { 'aria-label': 'Discover sessions' } },
    h('div', { class: 'toolbar' }, button('← Sessions', () => callbacks.back(), { class: 'link-button', attrs: { 'aria-label': 'Back to the sessions' } }), button('Look again', () => void actions.discoverSessions())),
    h('h2', { text: 'Discover sessions' }),
    h('div', { class: 'hint', text: 'Conversations your agents keep on disk for these folders that are not in Maestro yet. Importing one makes it a Maestro session with its history; the agent’s files are not changed.' }),
  );
  if (state.state !== 'ready' && state.state !== 'error') {
    view.appendChild(h('div', { class: 'empty', attrs: { role: 'status' }, text: 'Looking for sessions on disk…' }));
    return view;
  }
  if (state.state === 'error') {
    view.appendChild(h('div', { class: 'notice', attrs: { role: 'alert' }, text: state.message }));
    return view;
  }
  if (state.found.length === 0) {
    view.appendChild(h('div', { class: 'empty', text: 'No conversation to import: every one found is in Maestro already.' }));
    return view;
  }
  const list = h('ul', { class: 'discover-list', attrs: { 'aria-label': 'Sessions on disk' } });
  for (const found of state.found) list.appendChild(renderFound(found, state.imported.get(discoveredKey(found)), actions, callbacks, now));
  view.appendChild(list);
  return view;
}

function renderFound(found: DiscoveredSession, importedAs: string | undefined, actions: Actions, callbacks: DiscoverCallbacks, now: Date): HTMLElement {
  const title = found.title || found.agentSessionId;
  const action = importedAs
    ? button('Open', () => callbacks.openSession(importedAs), { class: 'primary', attrs: { 'aria-label': `Open the imported session ${title}` } })
    : button('Import', () => void actions.importSession(found), { attrs: { 'aria-label': `Import ${title}` } });
  return h(
    'li',
    { class: 'discover-item', attrs: { 'data-agent-session-id': found.agentSessionId } },
    h('div', { class: 'session-line' }, h('span', { class: 'session-name', text: title }), action),
    h('div', { class: 'session-meta', text: `${found.agentId} · ${found.cwd} · ${ago(found.updatedAt, now)}${importedAs ? ' · imported' : ''}` }),
  );
}

/** How long ago the conversation last changed, roughly. */
function ago(time: string, now: Date): string {
  const minutes = Math.round((now.getTime() - Date.parse(time)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return new Date(time).toLocaleDateString();
}

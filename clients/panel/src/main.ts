// Entry point of dist/panel.js: picks the host transport, builds the store and the views, mounts them into
// <div id="maestro-root">, and tells the host it is ready.
import { HostBridge } from './bridge/hostBridge';
import { pickTransport, type HostWindow } from './bridge/transport';
import { Actions } from './state/actions';
import { Store } from './state/store';
import { App } from './views/app';
import { FrameScheduler } from './views/scheduler';

export interface Panel {
  store: Store;
  actions: Actions;
  app: App;
  bridge: HostBridge;
}

export function startPanel(win: HostWindow, root: HTMLElement): Panel {
  const { transport } = pickTransport(win);
  const bridge = new HostBridge(transport);
  const store = new Store();
  const actions = new Actions(bridge, store);
  const scheduler = new FrameScheduler();
  const app = new App(store, actions, scheduler);
  root.appendChild(app.element);
  // The first hostInfo also means the host is connected: load what the views show.
  let loaded = false;
  bridge.addListener({
    hostInfo: () => {
      if (loaded) return;
      loaded = true;
      void actions.refresh();
    },
  });
  bridge.ready();
  return { store, actions, app, bridge };
}

function mount(): void {
  const root = document.getElementById('maestro-root');
  if (!root) {
    console.error('maestro panel: no <div id="maestro-root"> in the page');
    return;
  }
  const panel = startPanel(window as HostWindow, root);
  // Exposed for hosts' diagnostics and the browser tests; not an API.
  (window as unknown as { maestroPanel: Panel }).maestroPanel = panel;
}

if (typeof document !== 'undefined' && !(globalThis as { __maestroPanelNoAutoMount?: boolean }).__maestroPanelNoAutoMount) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
  else mount();
}

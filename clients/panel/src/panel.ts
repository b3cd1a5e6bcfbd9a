// Builds the panel over a transport: bridge, store, actions and views, mounted into `root`.
import { HostBridge } from './bridge/hostBridge';
import type { Transport } from './bridge/transport';
import { Actions } from './state/actions';
import { Store } from './state/store';
import { App } from './views/app';
import { FrameScheduler } from './views/scheduler';

export interface Panel {
  store: Store;
  actions: Actions;
  app: App;
  bridge: HostBridge;
  scheduler: FrameScheduler;
}

export function startPanel(root: HTMLElement, transport: Transport, scheduler = new FrameScheduler()): Panel {
  const bridge = new HostBridge(transport);
  const store = new Store();
  const actions = new Actions(bridge, store);
  const app = new App(store, actions, scheduler);
  root.appendChild(app.element);
  // The first hostInfo means the host is connected: load what the views show.
  let loaded = false;
  bridge.addListener({
    hostInfo: () => {
      if (loaded) return;
      loaded = true;
      void actions.refresh();
    },
    showSession: (sessionId) => {
      app.showTab('sessions');
      app.openSession(sessionId);
    },
    showNewChat: () => app.showNewChat(),
    showNewSession: () => app.showNewSession(),
    showStartRun: (playbook) => app.showStartRun(playbook),
    showTab: (tab) => {
      if (app.hasTab(tab)) app.showTab(tab);
    },
  });
  bridge.ready();
  return { store, actions, app, bridge, scheduler };
}

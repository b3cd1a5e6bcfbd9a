// Builds the extension's server-side objects (MaestroServer, PanelBridge, PermissionBroker) against a real
// `maestro serve --stdio`, with a fresh MAESTRO_HOME, reusing the interop test kit of tests/interop.
import type { HostToPanel, PanelToHost } from '../../src/bridge/messages';
import { PanelBridge } from '../../src/bridge/panelBridge';
import { PermissionBroker, type AskUser } from '../../src/permissions/permissionBroker';
import { locateServer } from '../../src/server/binaryLocator';
import { MaestroServer } from '../../src/server/maestroServer';
import { RestartPolicy } from '../../src/server/restartPolicy';
import { freshHome, maestroPath, removeHome } from '../../../../tests/interop/maestro.mjs';

export interface RealHost {
  home: string;
  server: MaestroServer;
  bridge: PanelBridge;
  broker: PermissionBroker;
  log: string[];
  /** What the panel received, in order. */
  panel: HostToPanel[];
  send(message: PanelToHost): Promise<void>;
  dispose(): Promise<void>;
}

export function startRealHost(options: { ask?: AskUser; home?: string } = {}): RealHost {
  const home: string = options.home ?? freshHome();
  const log: string[] = [];
  const server = new MaestroServer({
    locate: () => locateServer({ configuredPath: maestroPath(), extensionPath: '/nonexistent', pathEnv: '', platform: process.platform, arch: process.arch, isExecutable: () => true }),
    env: () => ({ ...process.env, MAESTRO_HOME: home }),
    workspaceFolders: () => [],
    clientVersion: 'test',
    log: (line) => log.push(line),
    policy: new RestartPolicy({ initialDelayMs: 100, maxDelayMs: 1000, stableAfterMs: 60000, maxAttempts: 3 }),
  });
  const broker = new PermissionBroker(options.ask ?? (() => new Promise(() => undefined)));
  server.setRequestHandler((method, params, signal) => broker.handle(method, params, signal));
  const bridge = new PanelBridge(server, new Map([['host/showOutput', async () => null]]), () => ({ host: 'vscode', workspaceFolders: [], settings: {} }), broker);
  const panel: HostToPanel[] = [];
  const port = { post: (m: HostToPanel) => panel.push(m) };
  bridge.attach(port);
  return {
    home,
    server,
    bridge,
    broker,
    log,
    panel,
    send: (message) => bridge.receive(port, message),
    async dispose() {
      bridge.dispose();
      await server.dispose();
      if (!options.home) removeHome(home);
    },
  };
}

/** The panel's response to request `id`, once it came. */
export function responseTo(panel: HostToPanel[], id: number): Extract<HostToPanel, { kind: 'response' }> | undefined {
  return panel.find((m): m is Extract<HostToPanel, { kind: 'response' }> => m.kind === 'response' && m.id === id);
}

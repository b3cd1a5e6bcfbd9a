import type { ServerState } from './rpcClient';

/** What a command needs to bring the server up: MaestroServer, or a fake in tests. */
export interface StartableServer {
  readonly state: ServerState;
  restart(): Promise<void>;
  whenReady(): Promise<void>;
}

/**
 * Brings the server up before a command does its work, so the core commands run from a cold window (before the
 * view was ever opened) or after the server gave up. Starting: waits. Stopped (not found, kept crashing): starts it
 * again, as the user asked for Maestro. Resolves false when it could not: the failure was already shown once, with
 * its fix, by ServerNotices, so the command just stops.
 */
export async function ensureServer(server: StartableServer): Promise<boolean> {
  if (server.state === 'stopped') await server.restart();
  try {
    await server.whenReady();
    return true;
  } catch {
    return false;
  }
}

import { HostActions } from '../bridge/messages';
import type { Actions } from '../state/actions';
import type { Store } from '../state/store';

/** Where a file the panel names lives: this machine's folder, or a folder on an SSH host (`host` set). */
export interface FilePlace {
  cwd: string;
  host?: string;
}

/**
 * How the editor opens a file the panel names (a changed file, a Playbook document, a gate's artifact): a local path
 * as a file, or its review diff; a host's path through host/openHostFile, read from that host and shown read-only.
 * Undefined when the editor offers neither, so no dead link is drawn.
 */
export function fileOpener(store: Store, actions: Actions, place: FilePlace, diff = false): ((path: string) => void) | undefined {
  if (place.host) {
    const host = place.host;
    return store.hostOffers(HostActions.OpenHostFile) ? (path) => void actions.hostAction(HostActions.OpenHostFile, { host, cwd: place.cwd, path, diff }) : undefined;
  }
  const action = diff ? HostActions.OpenDiff : HostActions.OpenFile;
  return store.hostOffers(action) ? (path) => void actions.hostAction(action, { cwd: place.cwd, path }) : undefined;
}

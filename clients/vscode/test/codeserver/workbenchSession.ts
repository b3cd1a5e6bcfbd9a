// One code-server run for an end-to-end test: the scripted model server, an agent sandbox whose repository is the
// workspace, a fresh MAESTRO_HOME configured for the given agents, code-server with the built VSIX, and Chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { agents, startModelServer } from '../../../../tests/interop/agents.mjs';
import { freshHome, maestroPath, removeHome } from '../../../../tests/interop/maestro.mjs';
import { newSandbox, type Sandbox } from '../real/sandbox';
import { startCodeServer, type CodeServer } from './codeServer';
import { panelFrame } from './workbench';

export const packageRoot = resolve(__dirname, '..', '..');
export const vsix = join(packageRoot, 'dist', 'maestro.vsix');

type ModelServer = Awaited<ReturnType<typeof startModelServer>>;

export interface WorkbenchSession {
  page: Page;
  panel: ReturnType<typeof panelFrame>;
  model: ModelServer;
  sandbox: Sandbox;
  home: string;
  /** The code-server profile folder (user data, extensions). */
  profile: string;
  codeServer: CodeServer;
  /** When the workbench page started loading (for the start-up figures). */
  pageStart: number;
  shot(name: string): Promise<void>;
  git(...args: string[]): string;
  dispose(): Promise<void>;
}

export async function openWorkbench(options: {
  agentIds: (keyof typeof agents)[];
  settings: Record<string, unknown>;
  artefacts: string;
  env?: Record<string, string>;
  /** The VSIX to install; default the universal one of `npm run package`. */
  vsix?: string;
  /** `maestro.serverPath`; default the server under test (tests/interop's maestroPath()), null to leave it unset. */
  serverPath?: string | null;
  /** Variables code-server must not inherit from this process. */
  unsetEnv?: string[];
  /** Prepares the workspace repository before code-server opens it. */
  prepare?: (repo: string, git: (...args: string[]) => string) => void;
}): Promise<WorkbenchSession> {
  const cleanups: (() => unknown)[] = [];
  const dispose = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // keep cleaning
      }
    }
  };
  try {
    rmSync(options.artefacts, { recursive: true, force: true });
    mkdirSync(options.artefacts, { recursive: true });
    const model = await startModelServer();
    cleanups.push(() => model.stop());
    const sandbox = newSandbox();
    cleanups.push(() => sandbox.dispose());
    const home: string = freshHome();
    cleanups.push(() => removeHome(home));
    // The server's own settings file: how it runs each agent against the scripted model in the sandbox.
    const agentSettings = Object.fromEntries(options.agentIds.map((id) => [id, agents[id].configure(sandbox, model.modelUrl)]));
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ agents: agentSettings }));

    const git = (...args: string[]): string => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: sandbox.repo, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    options.prepare?.(sandbox.repo, git);

    const profile = mkdtempSync(join(tmpdir(), 'mcs-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    const codeServer = await startCodeServer({
      profile,
      workspace: sandbox.repo,
      vsix: options.vsix ?? vsix,
      env: { MAESTRO_HOME: home, ...options.env },
      unsetEnv: options.unsetEnv,
      settings: {
        ...(options.serverPath === null ? {} : { 'maestro.serverPath': options.serverPath ?? maestroPath() }),
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'files.autoSave': 'off',
        ...options.settings,
      },
    });
    cleanups.push(() => codeServer.stop());

    // A fresh Chromium profile of its own (Playwright passes it as --user-data-dir).
    const browser: BrowserContext = await chromium.launchPersistentContext(join(profile, 'chromium'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1500, height: 950 },
    });
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    const pageStart = Date.now();
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(sandbox.repo)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90000 });

    let step = 0;
    return {
      page,
      panel: panelFrame(page),
      model,
      sandbox,
      home,
      profile,
      codeServer,
      pageStart,
      git,
      shot: async (name) => void (await page.screenshot({ path: join(options.artefacts, `${String(++step).padStart(2, '0')}-${name}.png`) })),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Opens the Maestro view from the activity bar. */
export async function openMaestroView(page: Page): Promise<void> {
  const button = page.locator('.activitybar [aria-label^="Maestro"]').first();
  await button.waitFor({ state: 'visible', timeout: 60000 });
  await button.click();
}

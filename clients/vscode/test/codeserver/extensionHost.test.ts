import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshHome, maestroPath, removeHome } from '../../../../tests/interop/maestro.mjs';
import { extensionHostCases, type ExtensionHostResult } from '../extensionHost/cases';
import { newSandbox } from '../real/sandbox';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled, startCodeServer } from './codeServer';

const packageRoot = resolve(__dirname, '..', '..');
const artefacts = join(packageRoot, 'test-results', 'ext-host');

// The extension-host integration suite (test/extensionHost/suite.ts) inside code-server: the extension is loaded
// from this folder (extensionDevelopmentPath) and the suite runs with the real `vscode` API (extensionTestsPath),
// as code-server's smoke-test driver allows. Each check of the suite is reported here as a test.
describe('inside the code-server extension host', () => {
  const cleanups: (() => unknown)[] = [];
  const results = new Map<string, ExtensionHostResult>();

  beforeAll(async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(join(packageRoot, 'out', 'extension.js')), 'the extension is not built: npm run build').toBe(true);
    rmSync(artefacts, { recursive: true, force: true });
    mkdirSync(artefacts, { recursive: true });
    const suite = join(artefacts, 'suite.js');
    await build({ entryPoints: [join(packageRoot, 'test', 'extensionHost', 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });

    const sandbox = newSandbox();
    cleanups.push(() => sandbox.dispose());
    const rows = Array.from({ length: 30 }, (_, i) => `row ${String(i + 1).padStart(2, '0')}`);
    writeFileSync(join(sandbox.repo, 'notes.txt'), rows.join('\n') + '\n');
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: sandbox.repo });
    git('add', 'notes.txt');
    git('commit', '-q', '-m', 'notes');

    const home: string = freshHome();
    cleanups.push(() => removeHome(home));
    const profile = mkdtempSync(join(tmpdir(), 'mch-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    const resultsFile = join(artefacts, 'results.jsonl');
    const codeServer = await startCodeServer({
      profile,
      workspace: sandbox.repo,
      extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
      env: { MAESTRO_HOME: home, MAESTRO_EXT_TEST_RESULTS: resultsFile },
      settings: { 'maestro.serverPath': maestroPath(), 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true, 'git.enabled': false },
    });
    cleanups.push(() => codeServer.stop());

    const browser: BrowserContext = await chromium.launchPersistentContext(join(profile, 'chromium'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1400, height: 900 },
    });
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    const authority = new URL(codeServer.url).host;
    const remote = (p: string) => `vscode-remote://${authority}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(packageRoot)],
      ['extensionTestsPath', remote(suite)],
    ]);
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(sandbox.repo)}&payload=${encodeURIComponent(payload)}`);
    try {
      await waitFor('the suite to finish', () => existsSync(resultsFile) && readFileSync(resultsFile, 'utf8').includes('"done":true'), 180000, 200);
    } finally {
      await page.screenshot({ path: join(artefacts, 'workbench.png') }).catch(() => undefined);
      writeFileSync(join(artefacts, 'code-server.log'), codeServer.output());
    }
    for (const line of readFileSync(resultsFile, 'utf8').trim().split('\n')) {
      const result = JSON.parse(line) as ExtensionHostResult & { done?: boolean };
      if (!result.done) results.set(result.name, result);
    }
  }, 300000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // keep cleaning
      }
    }
  });

  for (const name of extensionHostCases) {
    it(name, () => {
      const result = results.get(name);
      expect(result, `${name} did not run`).toBeDefined();
      expect(result!.ok, result!.error).toBe(true);
    });
  }
});

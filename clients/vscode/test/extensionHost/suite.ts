// Runs INSIDE the extension host of code-server (extensionTestsPath), with the real `vscode` API and the extension
// loaded from its development folder. Each check's outcome goes to $MAESTRO_EXT_TEST_RESULTS as a JSON line;
// test/codeserver/extensionHost.test.ts reads them. The workspace is a git repository whose notes.txt is committed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MaestroApi } from '../../src/extension';
import { extensionHostCases, type ExtensionHostCase, type ExtensionHostResult } from './cases';

const resultsFile = process.env.MAESTRO_EXT_TEST_RESULTS ?? '';
const rows = Array.from({ length: 30 }, (_, i) => `row ${String(i + 1).padStart(2, '0')}`);

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const file = path.join(folder, 'notes.txt');
  const uri = vscode.Uri.file(file);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, encoding: 'utf8' });
  let api: MaestroApi | undefined;

  const checks: Record<ExtensionHostCase, () => Promise<void>> = {
    'activates and registers every contributed command': async () => {
      const extension = vscode.extensions.getExtension<MaestroApi>('maestro-dev.maestro');
      assert.ok(extension, 'the extension is installed');
      api = await extension.activate();
      const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    },
    'contributes the maestro.* settings with their defaults': async () => {
      const config = vscode.workspace.getConfiguration('maestro');
      assert.equal(config.inspect('defaultPermissionMode')?.defaultValue, 'acceptEdits');
      assert.equal(config.inspect('defaultAgent')?.defaultValue, 'claude-code');
      assert.deepEqual(config.inspect('env')?.defaultValue, {});
      assert.ok(config.get<string>('serverPath'), 'the test set maestro.serverPath');
    },
    'connects to the server named by maestro.serverPath': async () => {
      await api!.server.whenReady();
      assert.equal(api!.server.serverPath, vscode.workspace.getConfiguration('maestro').get('serverPath'));
      assert.ok(api!.server.initializeResult?.capabilities.features.includes('review'));
    },
    'shows no CodeLens on a change no agent made': async () => {
      const edited = [...rows];
      edited[2] = 'row 03 EDITED';
      edited[24] = 'row 25 EDITED';
      writeFileSync(file, edited.join('\n') + '\n'); // by hand, behind the editor's back: no agent turn made it
      await vscode.window.showTextDocument(uri);
      const root = await until('the folder reviewed', () => api!.reviewStore.watchedRoots[0]);
      await api!.reviewStore.refresh(root); // the review as of now, after the write
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      assert.deepEqual(found.filter((l) => l.command?.command.startsWith('maestro.')), []);
      assert.equal(api!.reviewStore.fileAt(file), undefined);
    },
    'serves the agent baseline under maestro-baseline:': async () => {
      // Without agent hunks the baseline is the file as it is: the user's own edits are never on the left.
      const baseline = await vscode.workspace.openTextDocument(uri.with({ scheme: 'maestro-baseline' }));
      assert.equal(baseline.getText(), readFileSync(file, 'utf8'));
    },
    'opens the diff against the agent baseline': async () => {
      await vscode.commands.executeCommand('maestro.openDiff', uri);
      const tab = await until('a diff tab', () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff ? input : undefined;
      });
      assert.equal(tab.original.scheme, 'maestro-baseline');
      assert.equal(tab.modified.fsPath, file);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
    'stages the hunk at the cursor only through Stage Hunk': async () => {
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(2, 0, 2, 0);
      await vscode.commands.executeCommand('maestro.stageHunk');
      await until('row 03 staged', () => git('show', ':notes.txt').includes('row 03 EDITED'));
      assert.ok(!git('show', ':notes.txt').includes('row 25 EDITED'), 'only the hunk at the cursor is staged');
      assert.ok(readFileSync(file, 'utf8').includes('row 25 EDITED'), 'the working file is untouched');
    },
  };

  for (const name of extensionHostCases) {
    const started = Date.now();
    const result: ExtensionHostResult = { name, ok: true, ms: 0 };
    try {
      await checks[name]();
    } catch (error) {
      result.ok = false;
      result.error = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    }
    result.ms = Date.now() - started;
    appendFileSync(resultsFile, JSON.stringify(result) + '\n');
  }
  appendFileSync(resultsFile, JSON.stringify({ done: true }) + '\n');
}

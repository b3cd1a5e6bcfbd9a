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
    'shows CodeLens for each hunk of a file the agent changed': async () => {
      const edited = [...rows];
      edited[2] = 'row 03 EDITED';
      edited[24] = 'row 25 EDITED';
      writeFileSync(file, edited.join('\n') + '\n'); // as an agent would: on disk, behind the editor's back
      await vscode.window.showTextDocument(uri);
      const lenses = await until('six review CodeLenses', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
        const ours = found.filter((l) => l.command?.command.startsWith('maestro.'));
        return ours.length === 6 ? ours : undefined;
      });
      assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command!.command]), [
        [2, 'maestro.acceptHunk'], [2, 'maestro.rejectHunk'], [2, 'maestro.openDiff'],
        [24, 'maestro.acceptHunk'], [24, 'maestro.rejectHunk'], [24, 'maestro.openDiff'],
      ]);
    },
    'serves the index version under maestro-index:': async () => {
      const index = await vscode.workspace.openTextDocument(uri.with({ scheme: 'maestro-index' }));
      assert.equal(index.getText(), git('show', ':notes.txt'));
      assert.ok(!index.getText().includes('EDITED'));
    },
    'opens the diff of index and working file': async () => {
      await vscode.commands.executeCommand('maestro.openDiff', uri);
      const tab = await until('a diff tab', () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff ? input : undefined;
      });
      assert.equal(tab.original.scheme, 'maestro-index');
      assert.equal(tab.modified.fsPath, file);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
    'rejects the hunk at the cursor': async () => {
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(2, 0, 2, 0);
      await vscode.commands.executeCommand('maestro.rejectHunk');
      await until('row 03 restored on disk', () => readFileSync(file, 'utf8').split('\n')[2] === 'row 03');
      assert.ok(readFileSync(file, 'utf8').includes('row 25 EDITED'), 'the other hunk is untouched');
    },
    'accepts the hunk at the cursor': async () => {
      await until('one hunk left', () => api!.reviewStore.fileAt(file)?.hunks.length === 1);
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(24, 3, 24, 3);
      await vscode.commands.executeCommand('maestro.acceptHunk');
      await until('row 25 staged', () => git('show', ':notes.txt').includes('row 25 EDITED'));
      assert.equal(git('diff'), '');
      await until('no hunk left', () => !api!.reviewStore.fileAt(file));
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

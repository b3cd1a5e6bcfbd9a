import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The settings package.json declares with `"scope": "machine"`: VS Code reads them from user (or remote) settings only. */
export const machineSettings = ['maestro.serverPath', 'maestro.worktreeFolder', 'maestro.env'];

export interface SettingsFile {
  /** The file's path, shown to the user and opened by the toast's action. */
  file: string;
  text: string;
}

export interface MisplacedSetting {
  key: string;
  file: string;
}

/**
 * The machine settings written in workspace settings files, where VS Code silently ignores them (a `maestro.serverPath`
 * in `.vscode/settings.json` does nothing: the user wonders why the server is not found). Read from the files
 * themselves: VS Code leaves such values out of what `inspect()` reports for the workspace.
 */
export function misplacedMachineSettings(files: readonly SettingsFile[], keys: readonly string[] = machineSettings): MisplacedSetting[] {
  const found: MisplacedSetting[] = [];
  for (const { file, text } of files) {
    for (const key of keys) {
      if (new RegExp(`"${key.replace(/\./g, '\\.')}"\\s*:`).test(text)) found.push({ key, file });
    }
  }
  return found;
}

export const openUserSettingsAction = 'Open User Settings';
export const openFileAction = 'Open the File';

/** The workspace's settings files: each folder's `.vscode/settings.json` and a multi-root workspace's file. */
function workspaceSettingsFiles(): SettingsFile[] {
  const files = (vscode.workspace.workspaceFolders ?? []).map((f) => path.join(f.uri.fsPath, '.vscode', 'settings.json'));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') files.push(workspaceFile.fsPath);
  const read: SettingsFile[] = [];
  for (const file of files) {
    try {
      read.push({ file, text: readFileSync(file, 'utf8') });
    } catch {
      // no such file: nothing set there
    }
  }
  return read;
}

/**
 * Warns once per window and setting that a machine setting sits in the workspace's settings, where VS Code ignores
 * it, with the way to put it where it counts (the user settings) and the file to take it out of.
 */
export class MisplacedSettingsWarning {
  private readonly warned = new Set<string>();

  constructor(private readonly files: () => SettingsFile[] = workspaceSettingsFiles) {}

  check(): void {
    for (const { key, file } of misplacedMachineSettings(this.files())) {
      if (this.warned.has(`${key}|${file}`)) continue;
      this.warned.add(`${key}|${file}`);
      void vscode.window
        .showWarningMessage(
          `Maestro: "${key}" is set in ${file}, where VS Code ignores it: it is a machine setting, read from your user settings only.`,
          openUserSettingsAction,
          openFileAction,
        )
        .then((answer) => {
          if (answer === openUserSettingsAction) void vscode.commands.executeCommand('workbench.action.openSettings', key);
          else if (answer === openFileAction) void vscode.window.showTextDocument(vscode.Uri.file(file));
        });
    }
  }
}

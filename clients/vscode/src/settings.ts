import * as vscode from 'vscode';
import type { PermissionMode } from './protocol';

/** The extension's `maestro.*` settings (package.json `contributes.configuration` describes each). */
export interface MaestroSettings {
  serverPath: string | undefined;
  defaultAgent: string | undefined;
  defaultPermissionMode: PermissionMode | undefined;
  /** How the panel's prompt box sends: Enter (Shift+Enter breaks a line) or Ctrl/Cmd+Enter only. */
  sendWith: 'enter' | 'ctrlEnter';
  /** Where new worktrees go; empty means the server's default (`<repo>.worktrees/<branch>`). */
  worktreeFolder: string | undefined;
  /** Extra environment for the server process (and so for the daemon and the agents it starts). */
  env: Record<string, string>;
}

export function readSettings(): MaestroSettings {
  const config = vscode.workspace.getConfiguration('maestro');
  const text = (key: string): string | undefined => {
    const value = config.get<string>(key)?.trim();
    return value ? value : undefined;
  };
  const env = config.get<Record<string, unknown>>('env') ?? {};
  return {
    serverPath: text('serverPath'),
    defaultAgent: text('defaultAgent'),
    defaultPermissionMode: text('defaultPermissionMode') as PermissionMode | undefined,
    sendWith: text('prompt.sendWith') === 'ctrlEnter' ? 'ctrlEnter' : 'enter',
    worktreeFolder: text('worktreeFolder'),
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

/** The settings whose change needs a server restart. */
export const restartSettings = ['maestro.serverPath', 'maestro.env'];

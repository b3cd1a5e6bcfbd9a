import * as path from 'node:path';
import * as vscode from 'vscode';
import { HostActions as HostActionNames } from '../../protocol/bridge';
import type { HostActions } from './bridge/panelBridge';
import type { HostFile } from './hosts/hostFileDocuments';
import type { ReviewController } from './review/reviewController';

interface PathParams {
  cwd?: string;
  path?: string;
}

/** What shows a host's files (HostFileDocuments): read-only, read from the host. */
export interface HostFileViewer {
  open(file: HostFile): Promise<void>;
  openDiff(file: HostFile): Promise<void>;
}

/**
 * The actions the panel may ask of VS Code (`request` with a `host/` method); hostInfo lists their names.
 * `showOutput` shows a session's own output channel when given its id, the extension's "Maestro" log otherwise.
 * host/openHostFile is offered only with `hostFiles`.
 */
export function createHostActions(review: ReviewController, showOutput: (sessionId?: string) => void, hostFiles?: HostFileViewer): HostActions {
  const resolve = (p: PathParams): vscode.Uri => {
    if (!p.path) throw new Error('a path is needed');
    return vscode.Uri.file(path.isAbsolute(p.path) || !p.cwd ? p.path : path.join(p.cwd, p.path));
  };
  return new Map<string, (params: unknown) => Promise<unknown>>([
    [HostActionNames.OpenDiff, async (params) => void (await review.openDiff(resolve(params as PathParams)))],
    [HostActionNames.OpenFile, async (params) => void (await vscode.window.showTextDocument(resolve(params as PathParams)))],
    ...(hostFiles ? [[HostActionNames.OpenHostFile, async (params: unknown) => {
      const file = hostFileFromParams(params);
      await ((params as { diff?: unknown }).diff === true ? hostFiles.openDiff(file) : hostFiles.open(file));
    }] as const] : []),
    [HostActionNames.ReviewChanges, async (params) => void (await review.reviewChanges((params as PathParams | undefined)?.cwd))],
    [HostActionNames.ShowOutput, async (params) => {
      const sessionId = (params as { sessionId?: unknown } | undefined)?.sessionId;
      showOutput(typeof sessionId === 'string' && sessionId ? sessionId : undefined);
    }],
    [HostActionNames.RunInTerminal, async (params) => {
      const command = (params as { command?: string } | undefined)?.command;
      if (!command) throw new Error('a command is needed');
      const terminal = vscode.window.createTerminal({ name: 'Maestro: install an agent' });
      terminal.show();
      // Typed, not run: the user reads it and presses Enter.
      terminal.sendText(command, false);
    }],
    [HostActionNames.CopyText, async (params) => {
      const text = (params as { text?: string } | undefined)?.text;
      if (!text) throw new Error('a text is needed');
      await vscode.env.clipboard.writeText(text);
    }],
    [HostActionNames.ConfigureAgents, async () => void (await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:maestro-dev.maestro'))],
    // Close as the palette's Close Session: a worktree session is asked Keep / Delete worktree in a modal.
    [HostActionNames.CloseSession, async (params) => void (await vscode.commands.executeCommand('maestro.closeSession', sessionIdOf(params)))],
    // A worktree session's actions, as the commands of the same names (they ask first where they should).
    [HostActionNames.OpenWorktreeInNewWindow, async (params) => void (await vscode.commands.executeCommand('maestro.openWorktreeInNewWindow', sessionIdOf(params)))],
    [HostActionNames.MergeWorktree, async (params) => void (await vscode.commands.executeCommand('maestro.mergeWorktree', sessionIdOf(params)))],
    [HostActionNames.DeleteWorktree, async (params) => void (await vscode.commands.executeCommand('maestro.deleteWorktree', sessionIdOf(params)))],
  ]);
}

function sessionIdOf(params: unknown): string {
  const sessionId = (params as { sessionId?: unknown } | undefined)?.sessionId;
  if (typeof sessionId !== 'string' || !sessionId) throw new Error('a sessionId is needed');
  return sessionId;
}

/** A host's file from the panel's params: the path there, absolute or relative to the folder there (POSIX). */
function hostFileFromParams(params: unknown): HostFile {
  const { host, cwd, path: file } = (params ?? {}) as { host?: unknown; cwd?: unknown; path?: unknown };
  if (typeof host !== 'string' || !host) throw new Error('a host is needed');
  if (typeof file !== 'string' || !file) throw new Error('a path is needed');
  const folder = typeof cwd === 'string' ? cwd : '';
  if (!path.posix.isAbsolute(file) && !folder) throw new Error(`${file} is relative and no folder was given`);
  return { host, cwd: folder || path.posix.dirname(file), path: path.posix.isAbsolute(file) ? file : path.posix.join(folder, file) };
}

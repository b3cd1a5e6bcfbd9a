import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostActions } from './bridge/panelBridge';
import type { ReviewController } from './review/reviewController';

interface PathParams {
  cwd?: string;
  path?: string;
}

/** The actions the panel may ask of VS Code (`request` with a `host/` method); hostInfo lists their names. */
export function createHostActions(review: ReviewController, output: vscode.OutputChannel): HostActions {
  const resolve = (p: PathParams): vscode.Uri => {
    if (!p.path) throw new Error('a path is needed');
    return vscode.Uri.file(path.isAbsolute(p.path) || !p.cwd ? p.path : path.join(p.cwd, p.path));
  };
  return new Map<string, (params: unknown) => Promise<unknown>>([
    ['host/openDiff', async (params) => void (await review.openDiff(resolve(params as PathParams)))],
    ['host/openFile', async (params) => void (await vscode.window.showTextDocument(resolve(params as PathParams)))],
    ['host/reviewChanges', async (params) => void (await review.reviewChanges((params as PathParams | undefined)?.cwd))],
    ['host/newSession', async () => void (await vscode.commands.executeCommand('maestro.newSession'))],
    ['host/showOutput', async () => output.show(true)],
  ]);
}

import * as vscode from 'vscode';
import { Methods, type RemoteStartResult } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { describeError, isNotAvailable } from '../util/rpcError';
import { remoteHtml } from './infoPages';
import { statusNote } from '../status/statusNote';

/** Remote access: a feature the server may not have yet; -32601 is said as "not available yet", never faked. */
export async function startRemote(server: RpcClient): Promise<void> {
  await showPage(server, Methods.RemoteStart, {}, 'Maestro: Remote Access', (r: RemoteStartResult) => remoteHtml(r));
}

/** Ends remote access: the daemon closes every phone's socket and the links stop working. */
export async function stopRemote(server: RpcClient): Promise<void> {
  try {
    await server.request(Methods.RemoteStop, {});
    void vscode.window.setStatusBarMessage('Maestro: remote access stopped; its links no longer work.', 5000);
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
  }
}

async function showPage<R>(server: RpcClient, method: string, params: unknown, title: string, render: (result: R) => string): Promise<void> {
  let result: R;
  try {
    result = await server.request<R>(method, params);
  } catch (error) {
    const message = `Maestro: ${describeError(error)}`;
    if (isNotAvailable(error)) statusNote(message);
    else void vscode.window.showErrorMessage(message);
    return;
  }
  const panel = vscode.window.createWebviewPanel('maestro.info', title, vscode.ViewColumn.Active, { enableScripts: false });
  panel.webview.html = render(result);
}

import * as vscode from 'vscode';
import { isPanelToHost, type HostToPanel } from '../bridge/messages';
import type { PanelBridge, PanelPort } from '../bridge/panelBridge';
import { panelHtml } from './panelHtml';
import type { StartupTiming } from '../startupTiming';
import { Methods } from '../protocol';

export const panelViewId = 'maestro.panel';

/** The sidebar view: a webview running the shared panel bundle (copied to media/panel at build time). */
export class PanelViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private readonly visibility = new vscode.EventEmitter<void>();
  /** The view was shown or hidden (NoticePolicy's "out of sight"). */
  readonly onDidChangeVisibility = this.visibility.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly bridge: PanelBridge,
    private readonly timing?: StartupTiming,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const panelFolder = vscode.Uri.joinPath(this.extensionUri, 'media', 'panel');
    const webview = view.webview;
    webview.options = { enableScripts: true, localResourceRoots: [panelFolder] };
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(panelFolder, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(panelFolder, 'panel.css')).toString(),
    });

    // The ids of the panel's sessions/list requests, to time when the first list reaches it.
    const listRequests = new Set<number>();
    const port: PanelPort = {
      post: (message: HostToPanel) => {
        if (message.kind === 'response' && listRequests.delete(message.id) && !message.error) this.timing?.mark('panel got its session list');
        void webview.postMessage(message);
      },
    };
    const attachment = this.bridge.attach(port);
    const receiving = webview.onDidReceiveMessage((message: unknown) => {
      if (!isPanelToHost(message)) return; // a webview is untrusted input: ignore anything off-contract
      if (message.kind === 'ready') this.timing?.mark('panel loaded');
      if (message.kind === 'request' && message.method === Methods.SessionsList) listRequests.add(message.id);
      void this.bridge.receive(port, message);
    });
    const visibility = view.onDidChangeVisibility(() => this.visibility.fire());
    this.visibility.fire();
    view.onDidDispose(() => {
      attachment.dispose();
      receiving.dispose();
      visibility.dispose();
      if (this.view === view) this.view = undefined;
      this.visibility.fire();
    });
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }
}

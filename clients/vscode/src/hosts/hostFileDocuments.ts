import * as path from 'node:path';
import * as vscode from 'vscode';
import { Methods, type FilesReadResult, type ReviewChangedNotification, type ReviewChangesResult } from '../protocol';
import { baselineText } from '../review/baselineText';
import type { RpcClient } from '../server/rpcClient';
import type { Subscription } from '../util/emitter';

/** A host's file as a read-only document: `maestro-host://<host>/<path there>?cwd=<folder there>`. */
export const hostFileScheme = 'maestro-host';
/** Its text before the agents' pending hunks there, the left side of its review diff. */
export const hostBaselineScheme = 'maestro-host-baseline';

/** A file on an SSH host: its path there and the folder (a session's cwd there) that locates its working tree. */
export interface HostFile {
  host: string;
  cwd: string;
  path: string;
}

export function hostFileUri(file: HostFile, scheme: string = hostFileScheme): vscode.Uri {
  return vscode.Uri.from({ scheme, authority: file.host, path: file.path, query: new URLSearchParams({ cwd: file.cwd }).toString() });
}

export function hostFileOf(uri: vscode.Uri): HostFile {
  return { host: uri.authority, path: uri.path, cwd: new URLSearchParams(uri.query).get('cwd') ?? path.posix.dirname(uri.path) };
}

/**
 * Shows the files of a host's sessions, which are paths on that host, not here: their text is read through the
 * server (`files/read {host}`, answered by the host's daemon), so the document is read-only, as a content provider's
 * always is. Its diff's left side is the text with the agents' pending hunks there (`review/changes {host}`) put back,
 * as for a local file. Open documents reload when the host reports a change in their folder (`review/changed`).
 */
export class HostFileDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: Subscription;

  constructor(
    private readonly server: RpcClient,
    private readonly openDocuments: () => readonly vscode.Uri[] = () => vscode.workspace.textDocuments.map((d) => d.uri),
  ) {
    this.subscription = server.onNotification(({ method, params }) => {
      if (method === Methods.ReviewChanged) this.reload(params as ReviewChangedNotification);
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = hostFileOf(uri);
    const read = await this.server.request<FilesReadResult>(Methods.FilesRead, file);
    if (read.binary || read.content === undefined) return `(a binary file of ${read.size} bytes on ${file.host}: not shown)`;
    if (uri.scheme !== hostBaselineScheme) return read.content;
    const review = await this.server.request<ReviewChangesResult>(Methods.ReviewChanges, { cwd: file.cwd, host: file.host, paths: [file.path] });
    return baselineText(read.content, review.files.flatMap((f) => f.hunks));
  }

  /** The file, read-only. */
  async open(file: HostFile): Promise<void> {
    await vscode.window.showTextDocument(hostFileUri(file), { preview: true });
  }

  /** The diff of the file before the agents' pending hunks there (left) against the file now (right). */
  async openDiff(file: HostFile): Promise<void> {
    await vscode.commands.executeCommand('vscode.diff', hostFileUri(file, hostBaselineScheme), hostFileUri(file), `${path.posix.basename(file.path)} on ${file.host} (agent baseline ↔ now)`);
  }

  private reload(change: ReviewChangedNotification): void {
    if (!change.host) return;
    for (const uri of this.openDocuments()) {
      if ((uri.scheme === hostFileScheme || uri.scheme === hostBaselineScheme) && uri.authority === change.host) this.changed.fire(uri);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

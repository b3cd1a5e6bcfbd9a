import * as path from 'node:path';
import { Methods, type GitStatusResult, type ReviewAcceptResult, type ReviewChangedNotification, type ReviewChangesResult, type ReviewFile, type ReviewRejectResult } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { Emitter, type Subscription } from '../util/emitter';
import { hunkGeometry, type HunkGeometry } from './hunkGeometry';

/** A changed file under review, with where its repository is. */
export interface ReviewedFile {
  root: string;
  absolutePath: string;
  file: ReviewFile;
  hunks: HunkGeometry[];
}

/**
 * The review state of every watched working tree (the workspace folders' repositories and the sessions' worktrees),
 * as the server reports it: `review/changes` per root, refreshed on `review/changed`. Nothing is computed here that
 * the server did not say; the editor parts only draw it.
 */
export class ReviewStore {
  private readonly files = new Map<string, ReviewedFile>(); // by absolute path
  private readonly roots = new Set<string>();
  /** Folders already resolved to their repository root, so watching a folder again costs no request. */
  private readonly folderRoots = new Map<string, string>();
  private readonly refreshTimers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new Emitter<void>();
  private readonly subscriptions: Subscription[];

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly server: RpcClient,
    /** Resolves symlinks of an editor's path, because the server reports roots with symlinks resolved. */
    private readonly realpath: (p: string) => string = (p) => p,
    private readonly debounceMs = 100,
  ) {
    this.subscriptions = [
      server.onNotification(({ method, params }) => {
        if (method !== Methods.ReviewChanged) return;
        const root = (params as ReviewChangedNotification).cwd;
        if (this.roots.has(root)) this.scheduleRefresh(root);
      }),
    ];
  }

  /** Starts reviewing the repository holding `folder`; returns its root, or undefined when it is not in one. */
  async watch(folder: string): Promise<string | undefined> {
    const known = this.folderRoots.get(folder);
    if (known) return known;
    let status: GitStatusResult;
    try {
      status = await this.server.request<GitStatusResult>(Methods.GitStatus, { cwd: folder });
    } catch {
      return undefined; // NotARepository, or the server is down: nothing to review there
    }
    this.folderRoots.set(folder, status.root);
    if (!this.roots.has(status.root)) {
      this.roots.add(status.root);
      await this.refresh(status.root);
    }
    return status.root;
  }

  get watchedRoots(): string[] {
    return [...this.roots];
  }

  async refreshAll(): Promise<void> {
    await Promise.all([...this.roots].map((root) => this.refresh(root)));
  }

  async refresh(root: string): Promise<void> {
    // This client still reviews against git's index, by name (the server's default is now each agent turn's own
    // baseline, issue 14); moving the CodeLens to agent hunks labelled with their session is the next step.
    const result = await this.server.request<ReviewChangesResult>(Methods.ReviewChanges, { cwd: root, baseline: 'index' });
    for (const [key, reviewed] of this.files) if (reviewed.root === root) this.files.delete(key);
    for (const file of result.files) {
      const absolutePath = path.join(root, file.path);
      this.files.set(absolutePath, { root, absolutePath, file, hunks: file.hunks.map(hunkGeometry) });
    }
    this.changed.fire();
  }

  /** The review of an editor's file, if it has changes. */
  fileAt(editorPath: string): ReviewedFile | undefined {
    return this.files.get(editorPath) ?? this.files.get(this.realpath(editorPath));
  }

  allFiles(): ReviewedFile[] {
    return [...this.files.values()];
  }

  filesUnder(root: string): ReviewedFile[] {
    return this.allFiles().filter((f) => f.root === root);
  }

  get pendingHunkCount(): number {
    let count = 0;
    for (const file of this.files.values()) count += Math.max(file.hunks.length, 1);
    return count;
  }

  async accept(root: string, selection: { hunkIds?: string[]; paths?: string[] }): Promise<number> {
    const result = await this.server.request<ReviewAcceptResult>(Methods.ReviewAccept, { cwd: root, ...selection, baseline: 'index' });
    await this.refresh(root);
    return result.accepted;
  }

  async reject(root: string, selection: { hunkIds?: string[]; paths?: string[] }): Promise<number> {
    const result = await this.server.request<ReviewRejectResult>(Methods.ReviewReject, { cwd: root, ...selection, baseline: 'index' });
    await this.refresh(root);
    return result.rejected;
  }

  private scheduleRefresh(root: string): void {
    clearTimeout(this.refreshTimers.get(root));
    this.refreshTimers.set(
      root,
      setTimeout(() => {
        this.refreshTimers.delete(root);
        this.refresh(root).catch(() => undefined);
      }, this.debounceMs),
    );
  }

  dispose(): void {
    for (const timer of this.refreshTimers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

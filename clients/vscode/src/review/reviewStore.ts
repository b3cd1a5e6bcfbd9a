import * as path from 'node:path';
import {
  Methods,
  type GitStatusResult,
  type ReviewAcceptResult,
  type ReviewChangedNotification,
  type ReviewChangesResult,
  type ReviewFile,
  type ReviewRejectResult,
  type ReviewSessionSummary,
  type ReviewStageResult,
  type ReviewUndoResult,
} from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { Emitter, type Subscription } from '../util/emitter';
import { hunkGeometry, type HunkGeometry } from './hunkGeometry';

/**
 * A file with pending agent hunks, with where its repository is. The server lists a file once per session turn that
 * changed it (`entries`); the editor shows them together, each hunk labelled with its own session.
 */
export interface ReviewedFile {
  root: string;
  absolutePath: string;
  /** The first entry (path and status are the same in all). */
  file: ReviewFile;
  entries: ReviewFile[];
  /** Every entry's hunks, top to bottom. */
  hunks: HunkGeometry[];
}

/** What to decide: hunks by id, or whole files by path (of one session when `sessionId` is given). */
export interface ReviewSelection {
  hunkIds?: string[];
  paths?: string[];
  sessionId?: string;
}

/**
 * The pending agent hunks of every watched working tree (the workspace folders' repositories and the sessions'
 * worktrees), as the server reports them: `review/changes` per root against each agent turn's own baseline (so the
 * user's own edits are never here), refreshed on `review/changed`. The editor parts only draw it.
 */
export class ReviewStore {
  private readonly files = new Map<string, ReviewedFile>(); // by absolute path
  private readonly roots = new Set<string>();
  private readonly sessionsByRoot = new Map<string, ReviewSessionSummary[]>();
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
    // No baseline named: the server's default, each agent turn's own baseline (issue 14).
    const result = await this.server.request<ReviewChangesResult>(Methods.ReviewChanges, { cwd: root });
    for (const [key, reviewed] of this.files) if (reviewed.root === root) this.files.delete(key);
    for (const file of result.files) {
      const absolutePath = path.join(root, file.path);
      const known = this.files.get(absolutePath);
      const entries = known ? [...known.entries, file] : [file];
      const hunks = entries.flatMap((e) => e.hunks.map(hunkGeometry)).sort((a, b) => a.firstChangedLine - b.firstChangedLine);
      this.files.set(absolutePath, { root, absolutePath, file: entries[0], entries, hunks });
    }
    this.sessionsByRoot.set(root, result.sessions ?? []);
    this.changed.fire();
  }

  /** The review of an editor's file, if it has changes. */
  fileAt(editorPath: string): ReviewedFile | undefined {
    return this.files.get(editorPath) ?? this.files.get(this.realpath(editorPath));
  }

  /** An editor path with its symlinks resolved, as the server names files. */
  realpathOf(editorPath: string): string {
    return this.realpath(editorPath);
  }

  allFiles(): ReviewedFile[] {
    return [...this.files.values()];
  }

  filesUnder(root: string): ReviewedFile[] {
    return this.allFiles().filter((f) => f.root === root);
  }

  /** The sessions with pending hunks in a root, as the server summarized them. */
  sessionsIn(root: string): ReviewSessionSummary[] {
    return this.sessionsByRoot.get(root) ?? [];
  }

  get pendingHunkCount(): number {
    let count = 0;
    for (const file of this.files.values()) count += Math.max(file.hunks.length, 1);
    return count;
  }

  /** Keeps agent hunks (their baseline moves forward); the working file and git's index are not touched. */
  async accept(root: string, selection: ReviewSelection): Promise<ReviewAcceptResult> {
    const result = await this.server.request<ReviewAcceptResult>(Methods.ReviewAccept, { cwd: root, ...selection });
    await this.refresh(root);
    return result;
  }

  /**
   * Rejects agent hunks with `apply: false`: the server records the decision and answers the new text of each
   * modified file, which the caller writes through the editor (so its undo takes it back). Created files are moved
   * to Maestro's trash by the server. A mixed hunk is refused (MixedHunk) unless `confirm`.
   */
  async reject(root: string, selection: ReviewSelection, confirm = false): Promise<ReviewRejectResult> {
    const result = await this.server.request<ReviewRejectResult>(Methods.ReviewReject, { cwd: root, ...selection, confirm, apply: false });
    return result;
  }

  /** Takes a decision back; with `apply: false` the text of modified files comes back for the caller to write. */
  async undo(root: string, decisionId: string, apply = false): Promise<ReviewUndoResult> {
    return this.server.request<ReviewUndoResult>(Methods.ReviewUndo, { cwd: root, decisionId, apply });
  }

  /** `git add` of one hunk of the index review, or of whole files: the one review action that touches the index. */
  async stage(root: string, selection: { hunkIds?: string[]; paths?: string[] }): Promise<number> {
    const result = await this.server.request<ReviewStageResult>(Methods.ReviewStage, { cwd: root, ...selection });
    return result.staged;
  }

  /** The index review of one file (every uncommitted change, the user's too): what "Stage hunk" picks from. */
  async indexReview(root: string, relativePath: string): Promise<ReviewFile | undefined> {
    const result = await this.server.request<ReviewChangesResult>(Methods.ReviewChanges, { cwd: root, paths: [relativePath], baseline: 'index' });
    return result.files.find((f) => f.path === relativePath);
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

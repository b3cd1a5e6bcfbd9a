// A fake of the `vscode` module with just what the extension's unit-tested parts touch. Aliased in vitest.config.ts.
// It records what the extension did (status bar text, decorations, messages) so tests can look.

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    if (typeof a === 'number' && typeof b === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c ?? a, d ?? b);
    } else {
      this.start = a as Position;
      this.end = b as Position;
    }
  }
}

export class Selection extends Range {
  readonly active: Position;
  constructor(anchor: Position, active: Position) {
    super(anchor, active);
    this.active = active;
  }
}

export enum TextEditorRevealType {
  InCenterIfOutsideViewport = 2,
}

export enum EndOfLine {
  LF = 1,
  CRLF = 2,
}

export enum TextDocumentChangeReason {
  Undo = 1,
  Redo = 2,
}

/** A text document held in memory; `save()` writes it to `disk` (a map a test can look at). */
export class FakeTextDocument {
  isDirty = false;
  eol = EndOfLine.LF;
  saves = 0;
  constructor(readonly uri: Uri, public text: string) {}
  getText(): string {
    return this.text;
  }
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  offsetAt(position: Position): number {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let i = 0; i < position.line && i < lines.length; i++) offset += lines[i].length + 1;
    return offset + position.character;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1].length);
  }
  async save(): Promise<boolean> {
    disk.set(this.uri.fsPath, this.text);
    this.isDirty = false;
    this.saves++;
    return true;
  }
}

/** What "saved files" hold, by path: the fake's stand-in for the disk. */
export const disk = new Map<string, string>();

/** Records replacements like VS Code's WorkspaceEdit. */
export class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; text: string }[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.edits.push({ uri, range, text });
  }
  get size(): number {
    return this.edits.length;
  }
}

const documentChanged = new (class {
  listeners: ((event: { document: FakeTextDocument; reason?: TextDocumentChangeReason }) => void)[] = [];
})();

/** Changes a document's text as the editor would, firing onDidChangeTextDocument (with `reason` for undo/redo). */
export function editDocument(document: FakeTextDocument, text: string, reason?: TextDocumentChangeReason): void {
  document.text = text;
  document.isDirty = true;
  for (const listener of documentChanged.listeners) listener({ document, reason });
}

export class CodeLens {
  constructor(readonly range: Range, readonly command?: { title: string; command: string; tooltip?: string; arguments?: unknown[] }) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class MarkdownString {
  value = '';
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += '\n```' + language + '\n' + code + '\n```\n';
    return this;
  }
}

export class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly fsPath: string, readonly authority = '', readonly query = '') {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static from(parts: { scheme: string; authority?: string; path?: string; query?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '', parts.authority ?? '', parts.query ?? '');
  }
  get path(): string {
    return this.fsPath;
  }
  with(change: { scheme?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, this.fsPath, this.authority, this.query);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.fsPath}${this.query ? `?${this.query}` : ''}`;
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export enum OverviewRulerLane {
  Left = 1,
}

export enum ViewColumn {
  Active = -1,
}

export interface FakeStatusBarItem {
  id: string;
  text: string;
  tooltip: string | undefined;
  command: string | undefined;
  name: string | undefined;
  backgroundColor: ThemeColor | undefined;
  accessibilityInformation: { label: string; role?: string } | undefined;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

/** An output channel as the extension made it: its name, the lines written, whether it was shown or disposed. */
export interface FakeOutputChannel {
  name: string;
  lines: string[];
  shown: number;
  disposed: boolean;
  appendLine(line: string): void;
  show(preserveFocus?: boolean): void;
  dispose(): void;
}

/** What the extension showed, for assertions. */
export const recorded = {
  outputChannels: [] as FakeOutputChannel[],
  statusBarItems: [] as FakeStatusBarItem[],
  messages: [] as { level: 'info' | 'warning' | 'error'; text: string; items: string[]; modal?: boolean; detail?: string }[],
  contexts: new Map<string, unknown>(),
  edits: [] as WorkspaceEdit[],
  executed: [] as { command: string; args: unknown[] }[],
  /**
   * window.withProgress calls: where, with which title, whether its task settled (a notification closes then), and
   * for a cancellable one its Cancel button.
   */
  progress: [] as { location: ProgressLocation; title?: string; done: boolean; cancel?: () => void }[],
  /** window.setStatusBarMessage calls. */
  statusBarMessages: [] as { text: string; timeoutMs?: number }[],
  /** window.showQuickPick calls: the title and the labels offered. */
  quickPicks: [] as { title?: string; labels: string[] }[],
  reset(): void {
    this.outputChannels.length = 0;
    this.quickPicks.length = 0;
    quickPickAnswer = undefined;
    this.progress.length = 0;
    this.statusBarMessages.length = 0;
    this.edits.length = 0;
    this.executed.length = 0;
    workspace.textDocuments.length = 0;
    disk.clear();
    this.statusBarItems.length = 0;
    this.messages.length = 0;
    this.contexts.clear();
    messageAnswer = undefined;
  },
};

/** What the next show*Message resolves with (a button label), or a promise for a test to control. */
let messageAnswer: ((text: string, items: string[]) => Promise<string | undefined>) | undefined;
export function answerMessagesWith(answer: (text: string, items: string[]) => Promise<string | undefined>): void {
  messageAnswer = answer;
}

/** Which item the next showQuickPick resolves with (by label), or undefined for Escape. */
let quickPickAnswer: ((labels: string[]) => string | undefined) | undefined;
export function answerQuickPicksWith(answer: (labels: string[]) => string | undefined): void {
  quickPickAnswer = answer;
}

const showMessage = (level: 'info' | 'warning' | 'error') => (text: string, ...rest: unknown[]) => {
  const items = rest.filter((r): r is string => typeof r === 'string');
  const options = rest.find((r): r is { modal?: boolean; detail?: string } => typeof r === 'object' && r !== null);
  recorded.messages.push({ level, text, items, modal: !!options?.modal, detail: options?.detail });
  return messageAnswer ? messageAnswer(text, items) : Promise.resolve(undefined);
};

export const window = {
  visibleTextEditors: [] as unknown[],
  activeTextEditor: undefined as unknown,
  createStatusBarItem(id: string): FakeStatusBarItem {
    const item: FakeStatusBarItem = {
      id,
      text: '',
      tooltip: undefined,
      command: undefined,
      name: undefined,
      backgroundColor: undefined,
      accessibilityInformation: undefined,
      visible: false,
      show() {
        this.visible = true;
      },
      hide() {
        this.visible = false;
      },
      dispose() {
        this.visible = false;
      },
    };
    recorded.statusBarItems.push(item);
    return item;
  },
  createOutputChannel(name: string): FakeOutputChannel {
    const channel: FakeOutputChannel = {
      name,
      lines: [],
      shown: 0,
      disposed: false,
      appendLine(line: string) {
        this.lines.push(line);
      },
      show() {
        this.shown++;
      },
      dispose() {
        this.disposed = true;
      },
    };
    recorded.outputChannels.push(channel);
    return channel;
  },
  createTextEditorDecorationType(options: unknown) {
    return { options, dispose() {} };
  },
  async withProgress<T>(
    options: { location: ProgressLocation; title?: string; cancellable?: boolean },
    task: (progress: { report(value: unknown): void }, token: { onCancellationRequested(listener: () => void): { dispose(): void } }) => Promise<T>,
  ): Promise<T> {
    const listeners: (() => void)[] = [];
    const entry: (typeof recorded.progress)[number] = { location: options.location, title: options.title, done: false };
    if (options.cancellable) entry.cancel = () => listeners.forEach((l) => l());
    recorded.progress.push(entry);
    const token = { onCancellationRequested: (listener: () => void) => (listeners.push(listener), { dispose() {} }) };
    try {
      return await task({ report() {} }, token);
    } finally {
      entry.done = true;
    }
  },
  setStatusBarMessage(text: string, timeoutMs?: number) {
    recorded.statusBarMessages.push({ text, timeoutMs });
    return { dispose() {} };
  },
  async showQuickPick<T extends string | { label: string }>(items: readonly T[] | Promise<readonly T[]>, options?: { title?: string }): Promise<T | undefined> {
    const list = await items;
    const labels = list.map((i) => (typeof i === 'string' ? i : i.label));
    recorded.quickPicks.push({ title: options?.title, labels });
    const chosen = quickPickAnswer?.(labels);
    return list.find((_, index) => labels[index] === chosen);
  },
  showInformationMessage: showMessage('info'),
  showWarningMessage: showMessage('warning'),
  showErrorMessage: showMessage('error'),
  onDidChangeVisibleTextEditors: () => ({ dispose() {} }),
  onDidChangeActiveTextEditor: () => ({ dispose() {} }),
};

export const commands = {
  executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    if (command === 'setContext') recorded.contexts.set(String(args[0]), args[1]);
    else recorded.executed.push({ command, args });
    return Promise.resolve(undefined);
  },
  /** Registered handlers, run by clickNotificationLink as the workbench runs a notification's command link. */
  registerCommand(command: string, handler: (...args: unknown[]) => unknown) {
    registeredCommands.set(command, handler);
    return { dispose: () => registeredCommands.get(command) === handler && registeredCommands.delete(command) };
  },
};

const registeredCommands = new Map<string, (...args: unknown[]) => unknown>();

/**
 * Clicks the link labelled `label` in the title of the latest notification progress whose title contains `text`, as
 * the workbench opens a `command:` link: the command with the link's JSON arguments.
 */
export async function clickNotificationLink(text: string, label: string): Promise<void> {
  const notice = [...recorded.progress].reverse().find((p) => p.location === ProgressLocation.Notification && p.title?.includes(text));
  if (!notice) throw new Error(`no notification with ${text}`);
  const link = new RegExp(`\\[${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]\\(command:([\\w.]+)\\?([^)\\s]+)\\)`).exec(notice.title ?? '');
  if (!link) throw new Error(`no link ${label} in ${notice.title}`);
  const args = JSON.parse(decodeURIComponent(link[2]!)) as unknown[];
  const handler = registeredCommands.get(link[1]!);
  if (!handler) throw new Error(`${link[1]} is not registered`);
  await handler(...args);
}

export const workspace = {
  workspaceFolders: undefined as unknown,
  textDocuments: [] as FakeTextDocument[],
  /** Opens (or finds) a document; a path never opened reads from `disk`. */
  async openTextDocument(uri: Uri): Promise<FakeTextDocument> {
    const open = workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
    if (open) return open;
    const document = new FakeTextDocument(uri, disk.get(uri.fsPath) ?? '');
    workspace.textDocuments.push(document);
    return document;
  },
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    // Like VS Code: an empty edit is not applied.
    if (edit.size === 0) return false;
    recorded.edits.push(edit);
    // Bottom up per document, so earlier offsets stay right.
    for (const { uri, range, text } of [...edit.edits].reverse()) {
      const document = await workspace.openTextDocument(uri);
      const start = document.offsetAt(range.start);
      const end = document.offsetAt(range.end);
      editDocument(document, document.text.slice(0, start) + text + document.text.slice(end));
    }
    return true;
  },
  onDidChangeTextDocument(listener: (event: { document: FakeTextDocument; reason?: TextDocumentChangeReason }) => void) {
    documentChanged.listeners.push(listener);
    return { dispose: () => (documentChanged.listeners = documentChanged.listeners.filter((l) => l !== listener)) };
  },
  configuration: {} as Record<string, unknown>,
  getConfiguration() {
    return { get: <T>(key: string): T | undefined => workspace.configuration[key] as T | undefined };
  },
  onDidSaveTextDocument: () => ({ dispose() {} }),
};

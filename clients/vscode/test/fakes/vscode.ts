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
  private constructor(readonly scheme: string, readonly fsPath: string) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  with(change: { scheme?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, this.fsPath);
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
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
  visible: boolean;
  show(): void;
  dispose(): void;
}

/** What the extension showed, for assertions. */
export const recorded = {
  statusBarItems: [] as FakeStatusBarItem[],
  messages: [] as { level: 'info' | 'warning' | 'error'; text: string; items: string[] }[],
  contexts: new Map<string, unknown>(),
  reset(): void {
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

const showMessage = (level: 'info' | 'warning' | 'error') => (text: string, ...rest: unknown[]) => {
  const items = rest.filter((r): r is string => typeof r === 'string');
  recorded.messages.push({ level, text, items });
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
      visible: false,
      show() {
        this.visible = true;
      },
      dispose() {
        this.visible = false;
      },
    };
    recorded.statusBarItems.push(item);
    return item;
  },
  createTextEditorDecorationType(options: unknown) {
    return { options, dispose() {} };
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
    return Promise.resolve(undefined);
  },
  registerCommand() {
    return { dispose() {} };
  },
};

export const workspace = {
  workspaceFolders: undefined as unknown,
  textDocuments: [] as unknown[],
  configuration: {} as Record<string, unknown>,
  getConfiguration() {
    return { get: <T>(key: string): T | undefined => workspace.configuration[key] as T | undefined };
  },
  onDidSaveTextDocument: () => ({ dispose() {} }),
};

// A minimal event emitter so that the server, bridge and stores need no `vscode` import and run under plain Node
// (the real-server test uses them without VS Code).
export type Listener<T> = (value: T) => void;

export interface Subscription {
  dispose(): void;
}

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Subscription => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/** What changed in the store; views subscribe and re-render what depends on it. */
export type Topic =
  | 'host' | 'server' | 'sessions' | 'agents' | 'runs' | 'chat' | 'permissions' | 'transcript' | 'queue' | 'notice' | 'review' | 'stats' | 'discover';

export type ChangeListener = (topic: Topic, sessionId?: string) => void;

export class Emitter {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(topic: Topic, sessionId?: string): void {
    for (const listener of this.listeners) listener(topic, sessionId);
  }
}

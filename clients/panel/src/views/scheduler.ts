// Coalesces view updates into one pass per animation frame: a burst of thousands of events costs one render.

export type FrameTask = () => void;

export interface Scheduler {
  schedule(task: FrameTask): void;
}

export class FrameScheduler implements Scheduler {
  private readonly tasks = new Set<FrameTask>();
  private requested = false;

  constructor(private readonly requestFrame: (callback: () => void) => void = defaultRequestFrame) {}

  schedule(task: FrameTask): void {
    this.tasks.add(task);
    if (this.requested) return;
    this.requested = true;
    this.requestFrame(() => this.flush());
  }

  /** Runs what is scheduled now (tests call it instead of waiting for a frame). */
  flush(): void {
    this.requested = false;
    const tasks = [...this.tasks];
    this.tasks.clear();
    for (const task of tasks) {
      try {
        task();
      } catch (error) {
        console.error('maestro panel:', error);
      }
    }
  }
}

/** requestAnimationFrame, or a timer where frames do not run (a hidden webview still applies state later). */
function defaultRequestFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState !== 'hidden') {
    requestAnimationFrame(() => callback());
  } else {
    setTimeout(callback, 16);
  }
}

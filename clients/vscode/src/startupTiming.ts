import { appendFileSync } from 'node:fs';

/**
 * Start-up milestones in ms since activation: when the panel loaded, and when it got its first session list.
 * Developer timings: written at trace level (the output channel shows them only when its level is Trace); also appended as a JSON line to $MAESTRO_VSCODE_TIMINGS when set (the end-to-end
 * test reads it). Reported, never asserted.
 */
export class StartupTiming {
  private readonly start = Date.now();
  private readonly marks = new Map<string, number>();

  constructor(private readonly trace: (line: string) => void, private readonly file = process.env.MAESTRO_VSCODE_TIMINGS) {}

  /** Records a milestone once; later calls with the same name are ignored. */
  mark(name: string): void {
    if (this.marks.has(name)) return;
    const ms = Date.now() - this.start;
    this.marks.set(name, ms);
    this.trace(`[timing] activation → ${name}: ${ms} ms`);
    if (this.file) {
      try {
        appendFileSync(this.file, JSON.stringify({ mark: name, ms }) + '\n');
      } catch {
        // Timing is a report, never a reason to fail.
      }
    }
  }
}

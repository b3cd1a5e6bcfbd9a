import * as path from 'node:path';
import * as vscode from 'vscode';
import { Methods, type Run, type RunProgressNotification } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { NoticePolicy } from './noticePolicy';

/** What the notice can do for the user; the extension wires each to its own command. */
export interface RunEndActions {
  /** Shows a session's transcript (the last attempt's, where the reason is). */
  showSession(sessionId: string): unknown;
  /** Opens the Playbook's document. */
  /** Opens the run's playbook document: this machine's file, or read-only from the run's SSH host. */
  openPlaybook(run: Run): unknown;
  /** Shows the panel's Runs tab. */
  showRuns(): unknown;
  /** Whether the panel is on screen: a run's end is announced only when it is not (its run card shows it). */
  panelVisible(): boolean;
}

/**
 * A Playbook run that ended. A failure is an editor message that quotes why (the refused tool, the stall, the agent's
 * error) and offers the next step: Open Transcript, Retry with Bypass (when a permission refusal was the cause) and
 * Open Playbook. Any other end (done, stopped, halted, out of budget) says how it went, with Show Run. Both only when the
 * panel is not on screen (NoticePolicy: runs end while the user looks elsewhere; on screen, the run card shows it),
 * once per run.
 */
export class RunEndNotices implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly server: RpcClient,
    private readonly actions: RunEndActions,
    private readonly policy: NoticePolicy = new NoticePolicy(() => actions.panelVisible()),
  ) {
    this.subscription = server.onNotification(({ method, params }) => {
      if (method !== Methods.RunsProgress) return;
      const progress = params as RunProgressNotification;
      if (progress.event !== 'finished') return;
      if (progress.run.outcome === 'taskFailed' || progress.run.outcome === 'agentUnavailable') this.show(progress.run);
      else this.announce(progress.run);
    });
  }

  private show(run: Run): void {
    if (this.policy.decide({ kind: 'runEnded', runId: run.id, failed: true }) !== 'toast') return;
    const reason = run.reason ?? 'a task was not done';
    const refused = / permission mode refused /.test(reason);
    const session = run.sessionIds.at(-1);
    const items = [...(session ? ['Open Transcript'] : []), ...(refused ? ['Retry with Bypass'] : []), 'Open Playbook'];
    void vscode.window
      .showErrorMessage(`Maestro: the run of ${path.basename(run.playbook)} failed: ${reason}`, ...items)
      .then(async (answer) => {
        if (answer === 'Open Transcript' && session) this.actions.showSession(session);
        else if (answer === 'Open Playbook') this.actions.openPlaybook(run);
        else if (answer === 'Retry with Bypass') await this.retry(run);
      });
  }

  private announce(run: Run): void {
    if (this.policy.decide({ kind: 'runEnded', runId: run.id, failed: false }) !== 'toast') return;
    const name = path.basename(run.playbook);
    const text = run.outcome === 'done'
      ? `Maestro: the run of ${name} finished: ${run.done} of ${run.total} tasks done, $${run.usage.costUsd.toFixed(2)}.`
      : `Maestro: the run of ${name} ended (${run.outcome ?? run.status}): ${run.reason ?? ''}`.trimEnd();
    void vscode.window.showInformationMessage(text, 'Show Run').then((answer) => {
      if (answer === 'Show Run') this.actions.showRuns();
    });
  }

  /** The same playbook, agent, folder and host again, with bypass: the boxes already checked stay done. */
  private async retry(run: Run): Promise<void> {
    try {
      // A host's run runs there again (its paths are paths there).
      await this.server.request<Run>(Methods.PlaybooksRun, { path: run.playbook, agentId: run.agentId, cwd: run.cwd, permissionMode: 'bypass', ...(run.host ? { host: run.host } : {}) });
    } catch (error) {
      void vscode.window.showErrorMessage(`Maestro: could not start the run again: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

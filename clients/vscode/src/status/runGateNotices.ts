import * as path from 'node:path';
import * as vscode from 'vscode';
import { Methods, type Run, type RunProgressNotification } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { NoticePolicy } from './noticePolicy';

/**
 * A Playbook run that reaches a human-in-the-loop gate, as an editor message: what the person is asked, Approve
 * (runs/approve ticks the task below the gate) and Show Run. Once per gate in this window, and only while the Maestro
 * view is hidden (NoticePolicy: on screen, the run card offers Approve; the status bar counts the run as waiting for
 * you either way).
 */
export class RunGateNotices implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly server: RpcClient,
    private readonly showRuns: () => unknown,
    private readonly policy: NoticePolicy = new NoticePolicy(() => false),
  ) {
    this.subscription = server.onNotification(({ method, params }) => {
      if (method !== Methods.RunsProgress) return;
      const progress = params as RunProgressNotification;
      if (progress.event === 'waiting' && progress.run.gate) this.show(progress.run);
    });
  }

  private show(run: Run): void {
    const gate = run.gate!;
    const key = `${run.id}|${gate.task.document}|${gate.markerLine}|${gate.since}`;
    if (this.policy.decide({ kind: 'gateWaiting', gateKey: key }) !== 'toast') return;
    const artifact = gate.artifact ? ` Look at ${gate.artifact} first.` : '';
    void vscode.window
      .showWarningMessage(`Maestro: the run of ${path.basename(run.playbook)} needs your approval: ${gate.reason}.${artifact}`, 'Approve', 'Show Run')
      .then(async (answer) => {
        if (answer === 'Show Run') this.showRuns();
        if (answer !== 'Approve') return;
        try {
          await this.server.request<Run>(Methods.RunsApprove, { runId: run.id });
        } catch (error) {
          void vscode.window.showErrorMessage(`Maestro: could not approve: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

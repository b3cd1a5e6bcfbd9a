import * as vscode from 'vscode';
import { Methods } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import type { ActivityTracker } from '../status/activityTracker';
import { describeError } from '../util/rpcError';
import { statusNote } from '../status/statusNote';

/**
 * "Run Playbook": the panel's start-a-run screen, where the playbook, the agent, the worktree, loops, budget and the
 * permission mode are picked (the playbook's own preselected, a warning when the mode will refuse the agent's shell
 * commands). From a folder or document in the Explorer or an editor's title, that playbook is picked.
 */
export async function runPlaybook(showStartRun: (playbook?: string) => Promise<void>, resource?: unknown): Promise<void> {
  await showStartRun(resource instanceof vscode.Uri && resource.scheme === 'file' ? resource.fsPath : undefined);
}

export async function stopRun(server: RpcClient, tracker: ActivityTracker): Promise<void> {
  await tracker.refresh();
  const runs = tracker.runningRuns();
  if (runs.length === 0) {
    statusNote('Maestro: no Playbook is running.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: run.playbook, description: `${run.agentId} · ${run.done}/${run.total}`, detail: run.currentTask?.text, run })),
    { title: 'Maestro: stop which run?' },
  );
  if (!picked) return;
  try {
    await server.request(Methods.RunsStop, { runId: picked.run.id });
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
  }
}

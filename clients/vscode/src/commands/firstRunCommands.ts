// First run: "Maestro: Install an Agent…" (also the walkthrough's install step) and "Maestro: Get Started".
import * as vscode from 'vscode';
import { Methods, type AgentInfo, type AgentsListResult } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { statusNote } from '../status/statusNote';

/** The install command in an unavailable agent's reason ("… Install it with: npm install -g …"), if it names one. */
export function installCommandOf(agent: AgentInfo): string | undefined {
  return /Install it with: (.+?)\.?$/.exec(agent.reason ?? '')?.[1];
}

/**
 * Opens a terminal with the install command of an agent typed in (not run: the user reads it and presses Enter).
 * With no agent id, asks which one among those not installed.
 */
export async function installAgent(server: RpcClient, agentId?: string): Promise<void> {
  const { agents } = await server.request<AgentsListResult>(Methods.AgentsList);
  const installable = agents.filter((a) => !a.available && installCommandOf(a));
  let agent = agentId ? agents.find((a) => a.id === agentId) : undefined;
  if (agent?.available) {
    statusNote(`Maestro: ${agent.name} is already installed${agent.version ? ` (${agent.version})` : ''}.`, 'check');
    return;
  }
  if (!agent) {
    if (installable.length === 0) {
      statusNote('Maestro: every agent Maestro knows how to install is already installed.', 'check');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      installable.map((a) => ({ label: a.name, description: installCommandOf(a), agent: a })),
      { title: 'Install an agent', placeHolder: 'Agent' },
    );
    agent = picked?.agent;
  }
  const command = agent && installCommandOf(agent);
  if (!command) return;
  const terminal = vscode.window.createTerminal({ name: `Maestro: install ${agent!.name}` });
  terminal.show();
  terminal.sendText(command, false);
}

export async function openWalkthrough(extensionId: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#maestro.firstRun`, false);
}

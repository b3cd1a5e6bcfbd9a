// The Sessions list's first-run state: no agent CLI is installed. It says so plainly and, per known agent, offers
// its install command: Copy command, Open terminal (typed in, not run), and Configure path; Check again re-probes
// (agents/list), as does the panel regaining focus, so the view updates once an agent appears.
import type { AgentInfo } from '../../../../protocol/protocol';
import { HostActions } from '../../bridge/messages';
import { button, h } from '../dom';

export interface WelcomeActions {
  offers(action: string): boolean;
  hostAction(action: string, params?: unknown): void;
  copy(text: string): void;
  recheck(): void;
}

/** The install command in an unavailable agent's reason ("… Install it with: npm install -g …"), if it names one. */
export function installCommand(agent: AgentInfo): string | undefined {
  const match = /Install it with: (.+?)\.?$/.exec(agent.reason ?? '');
  return match?.[1];
}

/** Whether the welcome applies: the agents are known and none of them is available. */
export function noAgentInstalled(agents: AgentInfo[]): boolean {
  return agents.length > 0 && !agents.some((a) => a.available);
}

export function renderAgentsWelcome(agents: AgentInfo[], actions: WelcomeActions): HTMLElement {
  // One row per install command (acp:gemini and gemini share theirs).
  const rows = new Map<string, AgentInfo[]>();
  for (const agent of agents) {
    const command = installCommand(agent);
    if (command) rows.set(command, [...(rows.get(command) ?? []), agent]);
  }
  const list = h('ul', { class: 'agent-install-list' });
  for (const [command, forAgents] of rows) {
    const buttons = [button('Copy command', () => actions.copy(command), { class: 'link-button' })];
    if (actions.offers(HostActions.RunInTerminal)) buttons.push(button('Open terminal', () => actions.hostAction(HostActions.RunInTerminal, { command }), { class: 'link-button' }));
    list.appendChild(
      h('li', { class: 'agent-install' }, h('div', { class: 'agent-name', text: forAgents.map((a) => a.name).join(', ') }), h('code', { text: command }), h('div', { class: 'toolbar' }, ...buttons)),
    );
  }
  const footer = [button('Check again', () => actions.recheck(), { class: 'primary' })];
  if (actions.offers(HostActions.ConfigureAgents)) footer.push(button('Configure path', () => actions.hostAction(HostActions.ConfigureAgents)));
  return h(
    'section',
    { class: 'agents-welcome', attrs: { 'aria-label': 'No agent installed' } },
    h('h2', { text: 'No agent is installed' }),
    h('p', { text: 'Maestro runs agent CLIs such as Claude Code or Codex; none was found on this machine. Install one, sign in to it once in a terminal, then check again.' }),
    list,
    h('div', { class: 'toolbar' }, ...footer),
  );
}

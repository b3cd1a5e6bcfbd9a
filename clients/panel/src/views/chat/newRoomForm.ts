// The create-room form: name, folder, participants (agent, alias, optional worktree branch, and the machine its
// session runs on when the server has SSH hosts; "Add participant" adds a row), an optional moderator and the round
// limit. Escape cancels.
import type { AgentInfo, ChatCreateParams, ChatParticipantSpec, HostInfo as SshHost } from '../../../../protocol/protocol';
import type { HostInfo } from '../../bridge/messages';
import { button, h } from '../dom';

let formCount = 0;

const aliasPattern = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,30}[A-Za-z0-9])?$/;
const reserved = new Set(['all', 'user', 'system', 'moderator']);

/** Why the form cannot be sent as filled, or undefined. The server checks again; this only saves a round trip. */
export function checkRoom(params: ChatCreateParams): string | undefined {
  if (!params.name.trim()) return 'Give the room a name.';
  if (!params.cwd.trim()) return 'Choose the folder the participants work in.';
  if (params.participants.length === 0) return 'Add at least one participant.';
  const seen = new Set<string>();
  for (const p of params.participants) {
    if (!aliasPattern.test(p.alias) || reserved.has(p.alias.toLowerCase())) return `"${p.alias}" cannot be an alias: letters, digits, '-' and '_', not all, user, system or moderator.`;
    if (seen.has(p.alias.toLowerCase())) return `The alias @${p.alias} is used twice.`;
    seen.add(p.alias.toLowerCase());
  }
  return undefined;
}

export function renderNewRoomForm(agents: AgentInfo[], host: HostInfo | undefined, submit: (params: ChatCreateParams) => void, cancel: () => void, sshHosts: readonly SshHost[] = []): HTMLFormElement {
  const n = formCount++;
  const id = (name: string): string => `new-room-${n}-${name}`;
  const available = agents.filter((a) => a.available);
  const agentSelect = (name: string, withNone: boolean): HTMLSelectElement => {
    const select = h('select', { attrs: { id: id(name), name } });
    if (withNone) select.appendChild(h('option', { text: 'None: the last participant addressed answers', attrs: { value: '' } }));
    for (const a of available) select.appendChild(h('option', { text: a.name, attrs: { value: a.id } }));
    return select;
  };
  const field = (label: string, control: HTMLElement, hint?: string): HTMLElement =>
    h('div', { class: 'field' }, h('label', { text: label, attrs: { for: control.id } }), control, hint ? h('div', { class: 'hint', text: hint }) : null);

  const name = h('input', { attrs: { id: id('name'), name: 'name', type: 'text', placeholder: 'e.g. team', required: '' } });
  const folders = host?.workspaceFolders ?? [];
  const folder: HTMLSelectElement | HTMLInputElement = folders.length > 0 ? h('select', { attrs: { id: id('folder'), name: 'folder' } }) : h('input', { attrs: { id: id('folder'), name: 'folder', type: 'text', placeholder: '/path/to/project', required: '' } });
  for (const f of folders) folder.appendChild(h('option', { text: f, attrs: { value: f } }));

  const rows = h('div', { class: 'chat-participants', attrs: { role: 'group', 'aria-label': 'Participants' } });
  let rowCount = 0;
  const addRow = (focus: boolean): void => {
    const r = rowCount++;
    const agent = agentSelect(`agent-${r}`, false);
    agent.setAttribute('aria-label', `Participant ${r + 1} agent`);
    if (available.length > 0) agent.value = available[r % available.length]!.id;
    const alias = h('input', { class: 'chat-alias', attrs: { name: `alias-${r}`, type: 'text', value: String.fromCharCode(97 + (r % 26)), 'aria-label': `Participant ${r + 1} alias` } });
    const branch = h('input', { attrs: { name: `branch-${r}`, type: 'text', placeholder: 'worktree branch (optional)', 'aria-label': `Participant ${r + 1} worktree branch` } });
    const row = h('div', { class: 'chat-participant-row' }, agent, alias, branch);
    if (sshHosts.length > 0) {
      // The room stays on this machine; a participant on a host has its session there (in the host's default folder).
      const machine = h('select', { class: 'chat-host', attrs: { name: `host-${r}`, 'aria-label': `Participant ${r + 1} machine` } });
      machine.appendChild(h('option', { text: 'This machine', attrs: { value: '' } }));
      for (const s of sshHosts) machine.appendChild(h('option', { text: s.state === 'offline' ? `${s.name} (offline)` : s.name, attrs: { value: s.name } }));
      row.appendChild(machine);
    }
    row.appendChild(button('Remove', () => row.remove(), { attrs: { 'aria-label': `Remove participant ${r + 1}` } }));
    rows.appendChild(row);
    if (focus) agent.focus();
  };
  addRow(false);
  addRow(false);

  const moderator = agentSelect('moderator', true);
  const maxRounds = h('input', { attrs: { id: id('rounds'), name: 'rounds', type: 'number', min: '1', max: '50', value: '6' } });
  const problem = h('div', { class: 'error-message', attrs: { role: 'alert' } });
  problem.hidden = true;

  const form = h(
    'form',
    { class: 'new-room-form', attrs: { 'aria-label': 'New group chat' } },
    h('h2', { text: 'New group chat' }),
    available.length === 0 ? h('div', { class: 'notice', attrs: { role: 'status' }, text: 'No agent is installed: install one (the Sessions list shows how) and try again.' }) : null,
    field('Name', name),
    field('Folder', folder),
    h('div', { class: 'field' }, h('span', { class: 'field-label', text: sshHosts.length > 0 ? 'Participants (agent, @alias, worktree branch, machine)' : 'Participants (agent, @alias, worktree branch)' }), rows, h('div', { class: 'toolbar' }, button('Add participant', () => addRow(true)))),
    field('Moderator', moderator, 'Decides who answers a message that mentions no one.'),
    field('Round limit', maxRounds, 'Agent-to-agent hand-offs one message may lead to.'),
    problem,
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', text: 'Create room', attrs: available.length === 0 ? { type: 'submit', disabled: '' } : { type: 'submit' } }), button('Cancel', () => cancel())),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const participants: ChatParticipantSpec[] = [...rows.querySelectorAll('.chat-participant-row')].map((row) => {
      const [agent, alias, branch] = [...row.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select:not(.chat-host), input')];
      const spec: ChatParticipantSpec = { alias: alias!.value.trim(), agentId: agent!.value };
      if (branch!.value.trim()) spec.worktree = { branch: branch!.value.trim() };
      const machine = row.querySelector<HTMLSelectElement>('.chat-host')?.value;
      if (machine) spec.host = machine;
      return spec;
    });
    const params: ChatCreateParams = { name: name.value.trim(), cwd: folder.value.trim(), participants };
    if (moderator.value) params.moderator = { agentId: moderator.value };
    const rounds = Number(maxRounds.value);
    if (Number.isInteger(rounds) && rounds > 0) params.maxRounds = rounds;
    const why = checkRoom(params);
    problem.textContent = why ?? '';
    problem.hidden = !why;
    if (!why) submit(params);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  });
  return form;
}

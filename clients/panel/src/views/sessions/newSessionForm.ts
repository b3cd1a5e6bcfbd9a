// The panel's one new-session form: agent (available ones from agents/list) and folder (a workspace folder from
// hostInfo, or typed) up front; an Advanced step, closed until opened, for the name, a worktree branch, the permission
// mode and, when hosts exist (hosts/list), the machine to run on.
import type { AgentInfo, PermissionMode } from '../../../../protocol/protocol';
import { PermissionModeValues } from '../../../../protocol/protocol';
import type { HostInfo } from '../../bridge/messages';
import type { NewSessionInput } from '../../state/actions';
import { button, h } from '../dom';

const modeLabels: Record<PermissionMode, string> = {
  ask: 'Ask me',
  acceptEdits: 'Accept edits',
  bypass: 'Bypass (allow everything)',
};

let formCount = 0;

export function renderNewSessionForm(
  agents: AgentInfo[],
  host: HostInfo | undefined,
  submit: (input: NewSessionInput) => void,
  cancel: () => void,
  hosts: readonly string[] = [],
): HTMLFormElement {
  const id = (name: string): string => `new-session-${formCount}-${name}`;
  formCount++;
  const available = agents.filter((a) => a.available);
  const agent = h('select', { attrs: { id: id('agent'), name: 'agent' } });
  for (const a of available) agent.appendChild(h('option', { text: a.version ? `${a.name} (${a.version})` : a.name, attrs: { value: a.id } }));
  // Unavailable agents stay visible (so a user sees what exists) but cannot be picked.
  for (const a of agents.filter((x) => !x.available)) agent.appendChild(h('option', { text: `${a.name} (not installed)`, attrs: { value: a.id, disabled: '' } }));
  const defaultAgent = host?.settings.defaultAgent;
  if (defaultAgent && available.some((a) => a.id === defaultAgent)) agent.value = defaultAgent;

  const folders = host?.workspaceFolders ?? [];
  const folder: HTMLSelectElement | HTMLInputElement = folders.length > 0 ? h('select', { attrs: { id: id('folder'), name: 'folder' } }) : h('input', { attrs: { id: id('folder'), name: 'folder', type: 'text', placeholder: '/path/to/project', required: '' } });
  for (const f of folders) folder.appendChild(h('option', { text: f, attrs: { value: f } }));

  const name = h('input', { attrs: { id: id('name'), name: 'name', type: 'text', placeholder: 'optional' } });
  const branch = h('input', { attrs: { id: id('branch'), name: 'branch', type: 'text', placeholder: 'optional, e.g. feature/x' } });
  const mode = h('select', { attrs: { id: id('mode'), name: 'mode' } });
  for (const m of PermissionModeValues) mode.appendChild(h('option', { text: modeLabels[m], attrs: { value: m } }));
  mode.value = host?.settings.defaultPermissionMode ?? 'acceptEdits';

  const machine = h('select', { attrs: { id: id('host'), name: 'host' } });
  machine.appendChild(h('option', { text: 'This machine', attrs: { value: '' } }));
  for (const name of hosts) machine.appendChild(h('option', { text: name, attrs: { value: name } }));

  const field = (label: string, control: HTMLElement, hint?: string): HTMLElement =>
    h('div', { class: 'field' }, h('label', { text: label, attrs: { for: control.id } }), control, hint ? h('div', { class: 'hint', text: hint }) : null);

  const form = h(
    'form',
    { class: 'new-session-form', attrs: { 'aria-label': 'New session' } },
    h('h2', { text: 'New session' }),
    available.length === 0 ? h('div', { class: 'notice', attrs: { role: 'status' }, text: 'No agent is installed: install one (the Sessions list shows how) and try again.' }) : null,
    field('Agent', agent),
    field('Folder', folder),
    h(
      'details',
      { class: 'advanced' },
      h('summary', { text: 'Advanced: name, worktree, permissions' + (hosts.length ? ', host' : '') }),
      field('Name', name, 'Optional: the first prompt names the session otherwise.'),
      field('Worktree branch', branch, 'Runs the agent in a fresh git worktree on this new branch.'),
      field('Permissions', mode),
      hosts.length ? field('Run on', machine, 'A host added with maestro hosts add: the folder is a path there.') : null,
    ),
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', text: 'Create', attrs: available.length === 0 ? { type: 'submit', disabled: '' } : { type: 'submit' } }), button('Cancel', () => cancel())),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!agent.value || !available.some((a) => a.id === agent.value) || !folder.value.trim()) return;
    submit({
      agentId: agent.value,
      cwd: folder.value.trim(),
      name: name.value.trim() || undefined,
      branch: branch.value.trim() || undefined,
      permissionMode: mode.value as PermissionMode,
      host: machine.value || undefined,
    });
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

/**
 * Where focus lands when the form opens: the agent choice; with one agent available (nothing to choose), the folder
 * when it is typed or one of several; with one folder too, Create, so Enter goes straight on.
 */
export function firstChoice(form: HTMLFormElement): HTMLElement | null {
  const agent = form.querySelector<HTMLSelectElement>('select[name="agent"]');
  const enabled = (select: HTMLSelectElement) => [...select.options].filter((o) => !o.disabled).length;
  if (agent && enabled(agent) > 1) return agent;
  const folder = form.querySelector<HTMLSelectElement | HTMLInputElement>('[name="folder"]');
  if (folder instanceof HTMLInputElement || (folder && enabled(folder) > 1)) return folder;
  const create = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  return create && !create.disabled ? create : agent;
}

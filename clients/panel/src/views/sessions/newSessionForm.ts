// The panel's one new-session form: agent (available ones from agents/list) and folder (a workspace folder from
// hostInfo, or typed) up front; an Advanced step, closed until opened, for the name, a worktree branch, the permission
// mode and, when hosts exist (hosts/list), the machine to run on. The worktree branch is checked with git's rules
// while it is typed, and the form says where the worktree goes and from which commit.
import type { AgentInfo, PermissionMode } from '../../../../protocol/protocol';
import { PermissionModeValues } from '../../../../protocol/protocol';
import type { HostInfo } from '../../bridge/messages';
import type { NewSessionInput } from '../../state/actions';
import { branchNameProblem } from '../../state/branchName';
import { button, h, setText } from '../dom';

const modeLabels: Record<PermissionMode, string> = {
  ask: 'Ask me',
  acceptEdits: 'Accept edits',
  bypass: 'Bypass (allow everything)',
};

let formCount = 0;

/** What the form learns of a folder's repository (git/status): its top folder and checked-out branch. */
export interface FolderRepository {
  root: string;
  /** Absent on a detached HEAD. */
  branch?: string;
}

export interface WorktreePlace {
  /** The folder typed or picked. */
  folder: string;
  /** The folder's repository, once known; until then the folder stands for it. */
  repository?: FolderRepository;
  /** The editor's worktree folder setting (maestro.worktreeFolder): worktrees go there, a subfolder per branch. */
  worktreeFolder?: string;
  /** An SSH host the session runs on: the folder is a path there, and the editor's worktree folder does not apply. */
  host?: string;
}

/**
 * "→ /work/repo.worktrees/feature/x from main": where the server (or the editor's worktree folder) puts the new
 * worktree, and the commit it starts from (the folder's HEAD: its branch when known, else "the current HEAD").
 */
export function describeWorktreePlace(branch: string, place: WorktreePlace): string {
  const name = branch || '<branch>';
  const trim = (p: string) => (p.length > 1 ? p.replace(/[\\/]+$/, '') : p);
  const root = trim(place.repository?.root ?? place.folder) || '<folder>';
  const separator = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  const target = place.worktreeFolder && !place.host ? `${trim(place.worktreeFolder)}${separator}${name}` : `${root}.worktrees${separator}${name}`;
  const base = place.repository?.branch ?? 'the current HEAD';
  return `→ ${target}${place.host ? ` on ${place.host}` : ''} from ${base}`;
}

export function renderNewSessionForm(
  agents: AgentInfo[],
  host: HostInfo | undefined,
  submit: (input: NewSessionInput) => void,
  cancel: () => void,
  hosts: readonly string[] = [],
  /** The repository of a folder on this machine (git/status), for the worktree's place; undefined when unknown. */
  repositoryOf?: (folder: string) => Promise<FolderRepository | undefined>,
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
  const branch = h('input', { attrs: { id: id('branch'), name: 'branch', type: 'text', placeholder: 'optional, e.g. feature/x', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id('branch-place')} ${id('branch-error')}` } });
  const branchPlace = h('div', { class: 'hint worktree-place', attrs: { id: id('branch-place') } });
  const branchError = h('div', { class: 'field-error', attrs: { id: id('branch-error'), role: 'alert' } });
  branchError.hidden = true;
  const mode = h('select', { attrs: { id: id('mode'), name: 'mode' } });
  for (const m of PermissionModeValues) mode.appendChild(h('option', { text: modeLabels[m], attrs: { value: m } }));
  mode.value = host?.settings.defaultPermissionMode ?? 'acceptEdits';

  const machine = h('select', { attrs: { id: id('host'), name: 'host' } });
  machine.appendChild(h('option', { text: 'This machine', attrs: { value: '' } }));
  for (const name of hosts) machine.appendChild(h('option', { text: name, attrs: { value: name } }));

  const field = (label: string, control: HTMLElement, hint?: string): HTMLElement =>
    h('div', { class: 'field' }, h('label', { text: label, attrs: { for: control.id } }), control, hint ? h('div', { class: 'hint', text: hint }) : null);

  const create = h('button', { class: 'primary', text: 'Create', attrs: { type: 'submit' } });
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
      h('div', { class: 'field' }, h('label', { text: 'Worktree branch', attrs: { for: branch.id } }), branch, h('div', { class: 'hint', text: 'Runs the agent in a fresh git worktree on this new branch.' }), branchPlace, branchError),
      field('Permissions', mode),
      hosts.length ? field('Run on', machine, 'A host added with maestro hosts add: the folder is a path there.') : null,
    ),
    h('div', { class: 'toolbar' }, create, button('Cancel', () => cancel())),
  );

  const advanced = form.querySelector('details')!;

  // The worktree's place follows the folder, the host and the branch. The folder's repository (its top folder and
  // branch) is asked once per folder, and only once the Advanced step is open: most sessions never open it, and a
  // folder being typed is asked about when it is left, not at every key.
  const repositories = new Map<string, FolderRepository | undefined>();
  const asked = new Set<string>();
  const showPlace = (ask = true): void => {
    const where = folder.value.trim();
    if (ask && advanced.open && repositoryOf && where && !machine.value && !asked.has(where)) {
      asked.add(where);
      void repositoryOf(where).then((repository) => {
        repositories.set(where, repository);
        showPlace();
      }, () => undefined);
    }
    const place: WorktreePlace = { folder: where, repository: machine.value ? undefined : repositories.get(where), worktreeFolder: host?.settings.worktreeFolder, host: machine.value || undefined };
    setText(branchPlace, describeWorktreePlace(branch.value.trim(), place));
  };
  // Checked as it is typed: an invalid name says why and keeps Create disabled (empty means no worktree).
  const checkBranch = (): void => {
    const name = branch.value.trim();
    const problem = name ? branchNameProblem(name) : undefined;
    setText(branchError, problem ? `Not a valid branch name: ${problem}.` : '');
    branchError.hidden = !problem;
    if (problem) branch.setAttribute('aria-invalid', 'true');
    else branch.removeAttribute('aria-invalid');
    create.disabled = available.length === 0 || !!problem;
    create.title = problem ? 'Fix the worktree branch name first' : '';
  };
  branch.addEventListener('input', () => {
    checkBranch();
    showPlace(false);
  });
  if (folder instanceof HTMLInputElement) folder.addEventListener('input', () => showPlace(false));
  folder.addEventListener('change', () => showPlace());
  machine.addEventListener('change', () => showPlace());
  advanced.addEventListener('toggle', () => showPlace());
  showPlace();
  checkBranch();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!agent.value || !available.some((a) => a.id === agent.value) || !folder.value.trim()) return;
    if (branch.value.trim() && branchNameProblem(branch.value.trim())) {
      advanced.open = true;
      branch.focus();
      return;
    }
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

/**
 * A form rebuilt while the user fills it in (the agents' probes answered, a host came): what they chose and typed,
 * the Advanced step's open state and the focus carry over to the new one, so an update never undoes their input.
 * A choice the new form no longer offers is left at the new form's default.
 */
export function carryFormState(from: HTMLFormElement, to: HTMLFormElement): void {
  for (const control of Array.from(from.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]'))) {
    const target = to.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${control.name}"]`);
    if (!target || target.tagName !== control.tagName) continue;
    if (target instanceof HTMLSelectElement && !Array.from(target.options).some((o) => o.value === control.value && !o.disabled)) continue;
    if (target.value !== control.value) {
      target.value = control.value;
      target.dispatchEvent(new Event(target instanceof HTMLSelectElement ? 'change' : 'input'));
    }
  }
  const open = from.querySelector('details')?.open ?? false;
  const details = to.querySelector('details');
  if (details && open) details.open = true;
}

/** The name of the form control that has the focus, to give it back after a rebuild. */
export function focusedControl(form: HTMLFormElement): string | undefined {
  const active = form.ownerDocument.activeElement;
  return active instanceof HTMLElement && form.contains(active) ? (active.getAttribute('name') ?? undefined) : undefined;
}

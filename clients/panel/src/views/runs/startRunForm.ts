// The start-a-run screen: a playbook from playbooks/list (its documents and progress, warnings, or why it cannot run),
// the agent, a worktree branch, loops, the budget and the permission mode, each mode explained, the playbook's own
// settings preselected, and a warning when the agent's shell commands would be refused.
import type { AgentInfo, HostInfo as SshHost, PermissionMode, PlaybookInfo, PlaybookRunParams } from '../../../../protocol/protocol';
import { PermissionModeValues } from '../../../../protocol/protocol';
import { HostActions, type HostInfo } from '../../bridge/messages';
import { initialChoice, modeSource, playbookFor, parseLimit, permissionModeHelp, playbookProgress, runParams, shellRefusalWarning, type RunStartChoice } from '../../state/runStart';
import type { PlaybooksState } from '../../state/store';
import { button, h } from '../dom';
import { baseName } from '../format';

export interface StartRunCallbacks {
  start(params: PlaybookRunParams): void;
  cancel(): void;
  /** Lists the playbooks again: of this machine's folders, or of a folder on an SSH host. */
  reload(target?: { host: string; cwd: string }): void;
  /** Opens a document in the editor (only when the host offers host/openFile). */
  openFile?(path: string): void;
}

let formCount = 0;

export function renderStartRunForm(
  state: PlaybooksState,
  agents: AgentInfo[],
  host: HostInfo | undefined,
  preselect: string | undefined,
  callbacks: StartRunCallbacks,
  sshHosts: readonly SshHost[] = [],
): HTMLElement {
  const id = (name: string): string => `start-run-${formCount}-${name}`;
  formCount++;
  const header = h('div', { class: 'toolbar' }, h('h2', { text: 'Start a Playbook run' }));
  // novalidate: the form names a bad number itself, in words, instead of the browser's bubble.
  const form = h('form', { class: 'start-run-form', attrs: { 'aria-label': 'Start a Playbook run', novalidate: '' } }, header);
  const cancel = button('Cancel', () => callbacks.cancel());
  const onHost = state.state === 'ready' ? state.host : undefined;
  if (sshHosts.length > 0) form.appendChild(renderHostPicker(sshHosts, onHost, state.state === 'ready' ? state.folder : undefined, id, callbacks));
  if (state.state !== 'ready') {
    form.appendChild(
      state.state === 'error'
        ? h('div', { class: 'notice', attrs: { role: 'alert' }, text: state.message })
        : h('div', { class: 'empty', attrs: { role: 'status' }, text: 'Looking for playbooks…' }),
    );
    form.appendChild(h('div', { class: 'toolbar' }, cancel));
    return form;
  }
  for (const problem of state.problems) form.appendChild(h('div', { class: 'hint', text: problem }));
  if (state.playbooks.length === 0) {
    const where = onHost ? `${state.folder ?? 'that folder'} on ${onHost}` : host?.workspaceFolders.length ? host.workspaceFolders.join(', ') : 'the open folders';
    form.appendChild(h('div', { class: 'empty', text: `No playbook in ${where}. A playbook is a folder of markdown checklists (e.g. .maestro/playbooks/NAME/01-first.md) or one markdown file with - [ ] tasks.` }));
    form.appendChild(h('div', { class: 'toolbar' }, button('Look again', () => callbacks.reload(onHost ? { host: onHost, cwd: state.folder ?? '' } : undefined)), cancel));
    return form;
  }

  const playbookSelect = h('select', { attrs: { id: id('playbook'), name: 'playbook' } });
  for (const p of state.playbooks) {
    const { done, total } = playbookProgress(p);
    playbookSelect.appendChild(h('option', { text: p.error ? `${p.name} (cannot run)` : `${p.name} (${done} of ${total} tasks done)`, attrs: { value: p.path, title: p.path } }));
  }
  const runnable = playbookFor(state.playbooks, preselect) ?? state.playbooks.find((p) => !p.error) ?? state.playbooks[0]!;
  playbookSelect.value = runnable.path;

  const available = agents.filter((a) => a.available);
  const agent = h('select', { attrs: { id: id('agent'), name: 'agent' } });
  for (const a of available) agent.appendChild(h('option', { text: a.version ? `${a.name} (${a.version})` : a.name, attrs: { value: a.id } }));
  for (const a of agents.filter((x) => !x.available)) agent.appendChild(h('option', { text: `${a.name} (not installed)`, attrs: { value: a.id, disabled: '' } }));

  const details = h('div', { class: 'playbook-details', attrs: { 'aria-live': 'polite' } });
  const worktree = h('input', { attrs: { id: id('worktree'), name: 'worktree', type: 'text', placeholder: 'optional, e.g. playbook/release' } });
  const number = (name: string, placeholder: string, step: string): HTMLInputElement => h('input', { attrs: { id: id(name), name, type: 'number', min: step, step, placeholder } });
  const loops = number('loops', '1', '1');
  const maxTasks = number('maxTasks', 'no limit', '1');
  const maxCost = number('maxCost', 'no limit', '0.01');
  const maxMinutes = number('maxMinutes', 'no limit', '1');
  const maxTaskMinutes = number('maxTaskMinutes', 'no limit', '1');

  const modes = h('fieldset', { class: 'run-modes' }, h('legend', { text: 'Permissions' }));
  const modeSourceHint = h('div', { class: 'hint' });
  const modeInputs = new Map<PermissionMode, HTMLInputElement>();
  for (const mode of PermissionModeValues) {
    const input = h('input', { attrs: { type: 'radio', name: id('mode'), value: mode, id: id(`mode-${mode}`) } });
    modeInputs.set(mode, input);
    modes.appendChild(
      h('div', { class: 'run-mode' }, input, h('label', { attrs: { for: input.id } }, h('span', { class: 'field-label', text: permissionModeHelp[mode].label }), h('span', { class: 'hint', text: ` ${permissionModeHelp[mode].detail}` }))),
    );
  }
  modes.appendChild(modeSourceHint);
  const warning = h('div', { class: 'run-warning', attrs: { role: 'status' } });
  const error = h('div', { class: 'notice', attrs: { role: 'alert' } });
  error.hidden = true;
  const startButton = h('button', { class: 'primary', text: 'Start run', attrs: { type: 'submit' } });

  const playbook = (): PlaybookInfo => state.playbooks.find((p) => p.path === playbookSelect.value)!;
  const mode = (): PermissionMode => [...modeInputs].find(([, input]) => input.checked)?.[0] ?? 'acceptEdits';
  const updateWarning = (): void => {
    const text = shellRefusalWarning(agents.find((a) => a.id === agent.value), mode());
    warning.textContent = text ?? '';
    warning.hidden = !text;
  };
  /** A playbook picked: its documents, and its own settings preselected (over what the user set for another one). */
  const apply = (p: PlaybookInfo): void => {
    const choice = initialChoice(p, agents, host?.settings);
    if (choice.agentId) agent.value = choice.agentId;
    worktree.value = choice.worktree;
    loops.value = choice.loops === undefined ? '' : String(choice.loops);
    maxTasks.value = choice.budget.maxTasks === undefined ? '' : String(choice.budget.maxTasks);
    maxCost.value = choice.budget.maxCostUsd === undefined ? '' : String(choice.budget.maxCostUsd);
    maxMinutes.value = choice.budget.maxMinutes === undefined ? '' : String(choice.budget.maxMinutes);
    maxTaskMinutes.value = choice.budget.maxTaskMinutes === undefined ? '' : String(choice.budget.maxTaskMinutes);
    modeInputs.get(choice.permissionMode)!.checked = true;
    modeSourceHint.textContent = `${permissionModeHelp[choice.permissionMode].label} is preselected: ${modeSource(p, host?.settings)}.`;
    renderDetails(details, p, callbacks.openFile);
    startButton.disabled = Boolean(p.error) || available.length === 0;
    updateWarning();
  };
  playbookSelect.addEventListener('change', () => apply(playbook()));
  agent.addEventListener('change', updateWarning);
  for (const input of modeInputs.values()) input.addEventListener('change', updateWarning);

  const field = (label: string, control: HTMLElement, hint?: string): HTMLElement =>
    h('div', { class: 'field' }, h('label', { text: label, attrs: { for: control.id } }), control, hint ? h('div', { class: 'hint', text: hint }) : null);
  form.append(
    field('Playbook', playbookSelect),
    details,
    available.length === 0 ? h('div', { class: 'notice', attrs: { role: 'status' }, text: 'No agent is installed: install one (the Sessions tab shows how) and try again.' }) : '',
    field('Agent', agent),
    modes,
    warning,
    field('Worktree branch', worktree, 'Runs in a fresh git worktree on this new branch; empty: in the playbook’s repository.'),
    h('details', { class: 'run-limits' },
      h('summary', { text: 'Loops and budget' }),
      field('Loops', loops, 'Passes over the playbook; between passes every box is unchecked.'),
      field('Max tasks', maxTasks),
      field('Max cost (USD)', maxCost),
      field('Max minutes', maxMinutes, 'The whole run’s wall time.'),
      field('Max minutes per task', maxTaskMinutes, 'One attempt over it is stopped and counts as not done.'),
    ),
    error,
    h('div', { class: 'toolbar' }, startButton, cancel),
  );
  apply(runnable);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const p = playbook();
    if (p.error || !available.some((a) => a.id === agent.value)) return;
    const limits = {
      loops: parseLimit(loops.value, 'Loops', true),
      maxTasks: parseLimit(maxTasks.value, 'Max tasks', true),
      maxCostUsd: parseLimit(maxCost.value, 'Max cost', false),
      maxMinutes: parseLimit(maxMinutes.value, 'Max minutes', false),
      maxTaskMinutes: parseLimit(maxTaskMinutes.value, 'Max minutes per task', false),
    };
    const problems = Object.values(limits).filter((v): v is { error: string } => typeof v === 'object');
    error.textContent = problems.map((p) => p.error).join(' ');
    error.hidden = problems.length === 0;
    if (problems.length > 0) return;
    const num = (v: number | undefined | { error: string }): number | undefined => (typeof v === 'number' ? v : undefined);
    const choice: RunStartChoice = {
      playbook: p.path,
      agentId: agent.value,
      permissionMode: mode(),
      worktree: worktree.value,
      loops: num(limits.loops),
      budget: { maxTasks: num(limits.maxTasks), maxCostUsd: num(limits.maxCostUsd), maxMinutes: num(limits.maxMinutes), maxTaskMinutes: num(limits.maxTaskMinutes) },
    };
    const params = runParams(choice);
    // On a host the run's paths are paths there, and its agents work in the folder listed there.
    if (onHost) Object.assign(params, { host: onHost, cwd: state.folder });
    callbacks.start(params);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      callbacks.cancel();
    }
  });
  return form;
}

/**
 * Where the run goes: this machine, or an SSH host (hosts/list) and a folder there (the host's default folder
 * preselected). Picking one lists that place's playbooks; the run is then started there (playbooks/run {host}).
 */
function renderHostPicker(hosts: readonly SshHost[], current: string | undefined, folder: string | undefined, id: (name: string) => string, callbacks: StartRunCallbacks): HTMLElement {
  const select = h('select', { attrs: { id: id('host'), name: 'host' } }, h('option', { text: 'This machine', attrs: { value: '' } }));
  for (const host of hosts) select.appendChild(h('option', { text: `${host.name} (${host.state})`, attrs: { value: host.name, title: host.destination } }));
  select.value = current ?? '';
  const folderInput = h('input', { attrs: { id: id('host-folder'), name: 'hostFolder', type: 'text', placeholder: 'a folder on the host, e.g. /srv/repo', value: folder ?? '' } });
  const list = (): void => {
    const name = select.value;
    if (!name) {
      callbacks.reload();
      return;
    }
    callbacks.reload({ host: name, cwd: folderInput.value.trim() });
  };
  select.addEventListener('change', () => {
    // A host's own default folder first; the user can type another and list again.
    folderInput.value = hosts.find((h) => h.name === select.value)?.folder ?? '';
    list();
  });
  const folderField = h(
    'div',
    { class: 'field' },
    h('label', { text: 'Folder on the host', attrs: { for: folderInput.id } }),
    folderInput,
    button('List playbooks', () => list(), { attrs: { 'aria-label': 'List the playbooks of this folder on the host' } }),
  );
  folderField.hidden = !current;
  select.addEventListener('change', () => {
    folderField.hidden = !select.value;
  });
  return h(
    'div',
    { class: 'run-host' },
    h('div', { class: 'field' }, h('label', { text: 'Run on', attrs: { for: select.id } }), select, h('div', { class: 'hint', text: 'An SSH host runs the playbook and its agents there (maestro hosts add); paths are paths on that host.' })),
    folderField,
  );
}

/** The picked playbook: where it is, its documents with their progress, its warnings, or why it cannot run. */
function renderDetails(container: HTMLElement, playbook: PlaybookInfo, openFile: ((path: string) => void) | undefined): void {
  container.replaceChildren();
  container.appendChild(h('div', { class: 'hint', text: playbook.path }));
  if (playbook.error) {
    container.appendChild(h('div', { class: 'notice', attrs: { role: 'alert' }, text: `Cannot run: ${playbook.error}` }));
    return;
  }
  const list = h('ul', { class: 'playbook-documents', attrs: { 'aria-label': 'Documents' } });
  for (const doc of playbook.documents) {
    const name = openFile ? button(baseName(doc.path), () => openFile(doc.path), { class: 'link-button', attrs: { 'aria-label': `Open ${baseName(doc.path)}` } }) : h('span', { text: baseName(doc.path) });
    list.appendChild(h('li', {}, name, h('span', { class: 'meta', text: ` ${doc.done} of ${doc.total} tasks done` })));
  }
  container.appendChild(list);
  for (const warning of playbook.warnings ?? []) {
    container.appendChild(h('div', { class: 'run-warning', text: `${baseName(warning.document)}:${warning.line}: ${warning.message}` }));
  }
}

/** Whether the host can open a document for the form's links. */
export function hostOpensFiles(host: HostInfo | undefined): boolean {
  return host?.hostActions.includes(HostActions.OpenFile) ?? false;
}

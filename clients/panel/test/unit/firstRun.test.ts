// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import type { AgentInfo } from '../../../protocol/protocol';
import { HostActions } from '../../src/bridge/messages';
import { installCommand } from '../../src/views/sessions/agentsWelcome';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';

const missing = (id: string, name: string, bin: string, pkg: string): AgentInfo => ({
  id, name, kind: 'native', available: false, command: bin, reason: `'${bin}' is not on PATH. Install it with: npm install -g ${pkg}`,
});
const noneInstalled: AgentInfo[] = [
  missing('claude-code', 'Claude Code', 'claude', '@anthropic-ai/claude-code'),
  missing('codex', 'Codex', 'codex', '@openai/codex'),
  missing('gemini', 'Gemini', 'gemini', '@google/gemini-cli'),
  { ...missing('acp:gemini', 'Gemini (ACP)', 'gemini', '@google/gemini-cli'), kind: 'acp' },
];
const claudeInstalled: AgentInfo[] = [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, version: '2.1.0', command: 'claude' }, ...noneInstalled.slice(1)];

afterEach(() => {
  document.body.innerHTML = '';
});

test('the install command is read from an unavailable agent\'s reason', () => {
  expect(installCommand(noneInstalled[0])).toBe('npm install -g @anthropic-ai/claude-code');
  expect(installCommand({ ...noneInstalled[0], reason: 'not signed in' })).toBeUndefined();
});

test('no agent installed: the list says so with Copy command, Open terminal and Configure path, and updates when one appears', async () => {
  let agents = noneInstalled;
  const fake = new FakeHost({
    'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents }), 'runs/list': () => ({ runs: [] }),
    [HostActions.RunInTerminal]: () => null, [HostActions.CopyText]: () => null, [HostActions.ConfigureAgents]: () => null,
  });
  const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.RunInTerminal, HostActions.CopyText, HostActions.ConfigureAgents] }));
  const welcome = (): HTMLElement | null => panel.root.querySelector('.agents-welcome');
  expect(welcome()?.querySelector('h2')?.textContent).toBe('No agent is installed');
  expect(panel.root.querySelector<HTMLElement>('.empty')!.hidden).toBe(true);
  // One row per command: Gemini and Gemini (ACP) share theirs.
  const rows = [...welcome()!.querySelectorAll('.agent-install')];
  expect(rows.map((r) => r.querySelector('code')!.textContent)).toEqual(['npm install -g @anthropic-ai/claude-code', 'npm install -g @openai/codex', 'npm install -g @google/gemini-cli']);
  expect(rows[2].querySelector('.agent-name')!.textContent).toBe('Gemini, Gemini (ACP)');

  const click = (row: Element, label: string) => [...row.querySelectorAll('button')].find((b) => b.textContent === label)!.click();
  click(rows[0], 'Copy command');
  click(rows[1], 'Open terminal');
  click(welcome()!, 'Configure path');
  await panel.flush();
  expect(fake.requests(HostActions.CopyText).map((r) => r.params)).toEqual([{ text: 'npm install -g @anthropic-ai/claude-code' }]);
  expect(fake.requests(HostActions.RunInTerminal).map((r) => r.params)).toEqual([{ command: 'npm install -g @openai/codex' }]);
  expect(fake.requests(HostActions.ConfigureAgents)).toHaveLength(1);

  // The user installs Claude Code in that terminal and comes back: focus re-probes, the welcome goes away.
  agents = claudeInstalled;
  const probes = fake.requests('agents/list').length;
  window.dispatchEvent(new Event('focus'));
  await panel.flush();
  expect(fake.requests('agents/list').length).toBe(probes + 1);
  expect(welcome()).toBeNull();
  expect(panel.root.querySelector<HTMLElement>('.empty')!.hidden).toBe(false);
});

test('a host without terminal or settings actions still offers Copy command and Check again', async () => {
  const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: noneInstalled }), 'runs/list': () => ({ runs: [] }) });
  const panel = await mountPanel(fake);
  const buttons = [...panel.root.querySelectorAll('.agents-welcome button')].map((b) => b.textContent);
  expect(buttons).toContain('Copy command');
  expect(buttons).toContain('Check again');
  expect(buttons).not.toContain('Open terminal');
  expect(buttons).not.toContain('Configure path');
  const before = fake.requests('agents/list').length;
  [...panel.root.querySelectorAll<HTMLButtonElement>('.agents-welcome button')].find((b) => b.textContent === 'Check again')!.click();
  await panel.flush();
  expect(fake.requests('agents/list').length).toBe(before + 1);
});

test('the new-session form shows unavailable agents disabled and has no enabled Create without an agent', async () => {
  const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: noneInstalled }), 'runs/list': () => ({ runs: [] }) });
  const panel = await mountPanel(fake);
  panel.app.showForm();
  await panel.flush();
  const form = panel.root.querySelector('form.new-session-form')!;
  const options = [...form.querySelectorAll<HTMLOptionElement>('select[name=agent] option')];
  expect(options.map((o) => [o.textContent, o.disabled])).toEqual([
    ['Claude Code (not installed)', true], ['Codex (not installed)', true], ['Gemini (not installed)', true], ['Gemini (ACP) (not installed)', true],
  ]);
  expect(form.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(true);
  form.dispatchEvent(new Event('submit', { cancelable: true }));
  await panel.flush();
  expect(fake.requests('sessions/create')).toHaveLength(0);
});

test('with one agent installed the form offers it first and Create is enabled', async () => {
  const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: claudeInstalled }), 'runs/list': () => ({ runs: [] }) });
  const panel = await mountPanel(fake);
  panel.app.showForm();
  await panel.flush();
  const form = panel.root.querySelector('form.new-session-form')!;
  const select = form.querySelector<HTMLSelectElement>('select[name=agent]')!;
  expect(select.value).toBe('claude-code');
  expect(select.options[0].disabled).toBe(false);
  expect(form.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(false);
});

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCommandOf } from '../../src/commands/firstRunCommands';

const root = resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
// What the real server answers to agents/list (recorded by the C# tests): every agent id Maestro knows.
const recorded = JSON.parse(readFileSync(join(root, '..', '..', 'tests', 'exchanges', 'agents-list.json'), 'utf8')) as { response: { agents: { id: string; available: boolean; reason?: string }[] } };

describe('the first-run walkthrough', () => {
  const walkthrough = manifest.contributes.walkthroughs.find((w: { id: string }) => w.id === 'maestro.firstRun');
  const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));

  it('walks from the installed agents through install, a first session and its review to the example Playbook', () => {
    expect(walkthrough.steps.map((s: { id: string }) => s.id)).toEqual(['agents', 'install', 'session', 'review', 'playbook']);
  });

  it('links only commands the extension contributes, and completes on them', () => {
    for (const step of walkthrough.steps) {
      const links = [...String(step.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      expect(links.length, `${step.id} has no action`).toBeGreaterThan(0);
      for (const link of links) expect(commands.has(link), `${step.id} links ${link}`).toBe(true);
      for (const event of step.completionEvents as string[]) {
        if (event.startsWith('onCommand:')) expect(commands.has(event.slice('onCommand:'.length)), event).toBe(true);
      }
    }
  });

  it('ships every step\'s page in the VSIX', () => {
    expect(ignore).toContain('!media/walkthrough/**');
    for (const step of walkthrough.steps) expect(existsSync(join(root, step.media.markdown)), step.media.markdown).toBe(true);
  });

  it('the install page names the install command the server gives for each agent', () => {
    const page = readFileSync(join(root, 'media', 'walkthrough', 'agents.md'), 'utf8');
    for (const agent of recorded.response.agents) {
      const command = installCommandOf({ ...agent, name: agent.id, kind: 'native', command: agent.id });
      if (command) expect(page, agent.id).toContain(command);
    }
  });
});

describe('maestro.defaultAgent', () => {
  it('is an enum of exactly the agent ids the server knows', () => {
    const setting = manifest.contributes.configuration.properties['maestro.defaultAgent'];
    expect(setting.enum).toEqual(recorded.response.agents.map((a) => a.id));
    expect(setting.enumDescriptions).toHaveLength(setting.enum.length);
    expect(setting.enum).toContain(setting.default);
  });
});

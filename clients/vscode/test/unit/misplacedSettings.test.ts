import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, recorded } from '../fakes/vscode';
import { machineSettings, misplacedMachineSettings, MisplacedSettingsWarning } from '../../src/server/misplacedSettings';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('machine settings set where VS Code ignores them', () => {
  beforeEach(() => recorded.reset());

  it('the list is the settings package.json scopes to the machine', () => {
    const declared = Object.entries(manifest.contributes.configuration.properties as Record<string, { scope?: string }>)
      .filter(([, p]) => p.scope === 'machine')
      .map(([key]) => key);
    expect([...machineSettings].sort()).toEqual(declared.sort());
  });

  it('finds them in a workspace settings file, comments and all, and leaves other keys alone', () => {
    const text = '{\n  // the server of this repo\n  "maestro.serverPath" : "/opt/maestro",\n  "maestro.defaultAgent": "codex",\n  "maestro.env": {},\n}';
    expect(misplacedMachineSettings([{ file: '/r/.vscode/settings.json', text }])).toEqual([
      { key: 'maestro.serverPath', file: '/r/.vscode/settings.json' },
      { key: 'maestro.env', file: '/r/.vscode/settings.json' },
    ]);
    expect(misplacedMachineSettings([{ file: 'f', text: '{ "maestro.serverPathX": 1, "maestro.defaultPermissionMode": "ask" }' }])).toEqual([]);
  });

  it('warns once per setting and file, and Open User Settings opens that setting', async () => {
    answerMessagesWith(async () => 'Open User Settings');
    const warning = new MisplacedSettingsWarning(() => [{ file: '/r/.vscode/settings.json', text: '{ "maestro.serverPath": "/nope" }' }]);
    warning.check();
    warning.check();
    await settle();
    expect(recorded.messages.map((m) => [m.level, m.items])).toEqual([['warning', ['Open User Settings', 'Open the File']]]);
    expect(recorded.messages[0].text).toContain('"maestro.serverPath" is set in /r/.vscode/settings.json, where VS Code ignores it');
    expect(recorded.executed).toEqual([{ command: 'workbench.action.openSettings', args: ['maestro.serverPath'] }]);
  });
});

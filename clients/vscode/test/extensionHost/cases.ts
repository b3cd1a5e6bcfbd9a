// The names of the checks the extension-host suite runs inside code-server; the vitest side reports each one.
export const extensionHostCases = [
  'activates and registers every contributed command',
  'contributes the maestro.* settings with their defaults',
  'connects to the server named by maestro.serverPath',
  'shows no CodeLens on a change no agent made',
  'serves the agent baseline under maestro-baseline:',
  'opens the diff against the agent baseline',
  'stages the hunk at the cursor only through Stage Hunk',
] as const;

export type ExtensionHostCase = (typeof extensionHostCases)[number];

export interface ExtensionHostResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

// The names of the checks the extension-host suite runs inside code-server; the vitest side reports each one.
export const extensionHostCases = [
  'activates and registers every contributed command',
  'contributes the maestro.* settings with their defaults',
  'connects to the server named by maestro.serverPath',
  'shows CodeLens for each hunk of a file the agent changed',
  'serves the index version under maestro-index:',
  'opens the diff of index and working file',
  'rejects the hunk at the cursor',
  'accepts the hunk at the cursor',
] as const;

export type ExtensionHostCase = (typeof extensionHostCases)[number];

export interface ExtensionHostResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

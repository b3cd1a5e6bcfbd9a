// Typed access to the interop kit's agent sandbox (HOME, TMPDIR and a git repository with one commit).
import { agentSandbox } from '../../../../tests/interop/agents.mjs';

export interface Sandbox {
  root: string;
  home: string;
  tmp: string;
  repo: string;
  dispose(): void;
}

export function newSandbox(): Sandbox {
  return agentSandbox() as Sandbox;
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The `vscode` module exists only inside an extension host: unit tests get a named fake at that boundary.
    alias: { vscode: fileURLToPath(new URL('./test/fakes/vscode.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 10000,
    // The code-server run and the real-server tests start processes; one file at a time keeps a 2-core machine calm.
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

// Unit tests opt into happy-dom with a `@vitest-environment happy-dom` comment; the browser tests run in node and
// drive a real Chromium. Browser tests run one file at a time: the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
    fileParallelism: false,
  },
});

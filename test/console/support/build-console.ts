import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** Builds the browser console with the test hook (`window.plantaoTest`) into a temporary folder. */
export async function buildConsole(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'plantao-console-'));
  process.env.VITE_PLANTAO_TEST_HOOKS = '1';
  await build({
    configFile: resolve(import.meta.dirname, '../../../vite.web.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4_000 },
  });
  return outDir;
}

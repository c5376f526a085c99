import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/**
 * The browser console with the test hook (`window.plantaoTest`), as test/console builds it; unminified
 * when profiling, so that a CPU profile names the functions.
 */
export async function buildBenchConsole(minify: boolean): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'plantao-bench-console-'));
  process.env.VITE_PLANTAO_TEST_HOOKS = '1';
  await build({
    configFile: resolve(import.meta.dirname, '../../vite.web.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4_000, minify },
  });
  return outDir;
}

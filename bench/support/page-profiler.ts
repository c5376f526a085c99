import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Starts a V8 CPU profile of the page's main thread (1 ms samples); the returned function stops it and writes
 * it to `dir/name.cpuprofile` (summarize with `npx tsx bench/server/profile-summary.ts FILE`).
 */
export async function startPageProfiler(page: Page, dir: string, name: string): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach();
    return file;
  };
}

import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this closed network needs (no background fetches). */
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

/**
 * A browser with its profile on disk in `userDataDir`, as a console's is: IndexedDB then lives in files.
 * (`browser.newContext()` contexts are off the record and keep IndexedDB in memory, which is much slower
 * to read once it holds hundreds of thousands of records.)
 */
export function launchPersistentChromium(userDataDir: string, options: BrowserContextOptions): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, ...options });
}

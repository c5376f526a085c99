import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where browser tests put their screenshots: test-results/ by default, so a test run leaves the checkout
 * clean; `npm run screenshots` points it at docs/screenshots to refresh the pictures the docs show.
 */
export const SCREENSHOT_DIR = resolve(process.env.PLANTAO_SCREENSHOT_DIR ?? resolve(import.meta.dirname, '../../../test-results/screenshots'));
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/**
 * `npm start`: the embedded sync server with demo data on first run, and the console — in Electron where
 * its binary is present, otherwise served to a browser from the sync server itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { DEMO_USERS, generateDemoData } from '../demo';
import { importDocuments, skipMailForImportedDecisions } from '../sync-server/admin/import-documents';
import { createPasswordHasher } from '../sync-server/auth/password';
import { storageUserStore } from '../sync-server/auth/storage-user-store';
import { newUserAccount } from '../sync-server/auth/users';
import { loadConfig } from '../sync-server/config';
import { createAccessPolicy } from '../sync-server/policy/plantao-policy';
import { startServer } from '../sync-server/server';
import { SqliteStorage } from '../sync-server/storage/sqlite/sqlite-storage';

const ROOT = resolve(import.meta.dirname, '..');
const CONSOLE_DIR = join(ROOT, 'dist/web');
const DATA_DIR = resolve(process.env.PLANTAO_DATA_DIR ?? join(ROOT, '.data/demo-server'));
const SEEDED_MARKER = join(DATA_DIR, 'demo-seeded.json');
/** Demo accounts only: a real deployment creates users with `npm run server -- user add`. */
const DEMO_PASSWORD = process.env.PLANTAO_DEMO_PASSWORD ?? 'plantao-demo';
const DEMO_SIZE = { requests: Number(process.env.PLANTAO_DEMO_REQUESTS ?? 5000), cards: Number(process.env.PLANTAO_DEMO_CARDS ?? 3000) };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the browser console when it is missing or older than its sources. */
async function ensureConsoleBuild(): Promise<void> {
  const index = join(CONSOLE_DIR, 'index.html');
  const sourcesChanged = Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs > sourcesChanged) return;
  console.log('Compilando o console…');
  await build({ configFile: join(ROOT, 'vite.web.config.ts'), logLevel: 'warn' });
}

/** First run: demo accounts (one password, printed below) and demo data, imported as an operator would. */
async function seedDemoData(): Promise<void> {
  if (existsSync(SEEDED_MARKER)) return;
  mkdirSync(DATA_DIR, { recursive: true });
  console.log(`Gerando dados de demonstração (${DEMO_SIZE.requests} solicitações, ${DEMO_SIZE.cards} carteiras)…`);
  const storage = SqliteStorage.open(DATA_DIR);
  try {
    const users = storageUserStore(storage);
    const hasher = createPasswordHasher();
    const now = new Date();
    for (const user of DEMO_USERS) {
      await users.putUser(await newUserAccount({ name: user.userId, displayName: user.displayName, roles: [...user.roles], ...scopeOf(user), password: DEMO_PASSWORD }, hasher, now));
    }
    const data = generateDemoData({ seed: 1, now, ...DEMO_SIZE });
    const summary = await importDocuments(storage, createAccessPolicy({ storage }), data.all);
    if (summary.refused.size > 0) throw new Error(`${summary.refused.size} documentos de demonstração recusados: ${[...summary.refused].slice(0, 3).join(' | ')}`);
    await skipMailForImportedDecisions(storage, DATA_DIR, now);
    writeFileSync(SEEDED_MARKER, JSON.stringify({ seededAt: now.toISOString(), documents: summary.written, ...DEMO_SIZE }, null, 2));
  } finally {
    await storage.close();
  }
}

const scopeOf = (user: { unitId?: string; postId?: string }) => ({
  ...(user.unitId ? { unitId: user.unitId } : {}),
  ...(user.postId ? { postId: user.postId } : {}),
});

function printAccounts(consoleUrl: string): void {
  const byRole = new Map<string, string[]>();
  for (const user of DEMO_USERS) {
    const role = user.roles[0] ?? '';
    byRole.set(role, [...(byRole.get(role) ?? []), user.userId]);
  }
  console.log(`\nContas de demonstração (senha de todas: ${DEMO_PASSWORD}):`);
  for (const [role, names] of byRole) console.log(`  ${role.padEnd(22)} ${names.slice(0, 4).join(', ')}${names.length > 4 ? `, … (+${names.length - 4})` : ''}`);
  console.log(`\nConsole no navegador: ${consoleUrl}\n`);
}

/** The Electron binary is fetched on first launch; offline it is missing and resolving it fails. */
function electronBinary(): string | null {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: ROOT, encoding: 'utf8' });
  return probe.status === 0 && probe.stdout && existsSync(probe.stdout) ? probe.stdout : null;
}

async function launchElectron(binary: string, syncUrl: string): Promise<void> {
  const { build: buildElectron } = await import('electron-vite');
  await buildElectron({ configFile: join(ROOT, 'electron.vite.config.ts') });
  const child = spawn(binary, [ROOT], { stdio: 'inherit', env: { ...process.env, PLANTAO_SYNC_URL: syncUrl } });
  child.on('exit', () => process.kill(process.pid, 'SIGTERM'));
}

async function main(): Promise<void> {
  await ensureConsoleBuild();
  await seedDemoData();
  const config = { ...loadConfig([], process.env), dataDir: DATA_DIR, consoleDir: CONSOLE_DIR };
  const server = await startServer({ config });
  const consoleUrl = `${server.url}/_console/`;
  printAccounts(consoleUrl);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const binary = electronBinary();
  if (binary) await launchElectron(binary, server.url);
  else console.log('O binário do Electron não está disponível nesta máquina (é baixado no primeiro uso e não há acesso à internet).\nAbra o console no navegador no endereço acima.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

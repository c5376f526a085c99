import { existsSync } from 'node:fs';
import { loadConfig } from './config';
import { startServer } from './server';

/** `npm run server -- [--host h] [--port p] [--data dir]`, or `npm run server -- user …` (user administration). */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'user') {
    const userCli = new URL('./auth/user-cli.ts', import.meta.url);
    if (!existsSync(userCli)) throw new Error('user administration is not available in this build');
    const { runUserCli } = (await import(userCli.href)) as { runUserCli(args: string[]): Promise<number> };
    process.exitCode = await runUserCli(argv.slice(1));
    return;
  }
  const config = loadConfig(argv, process.env);
  const server = await startServer({ config });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown after ${signal} failed:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { parseArgs } from 'node:util';
import { runRedsSimulation } from './reds-sim/run-simulation';

/** `npm run sim:reds -- --consoles N --numbers M [--seed S] [--block B] [--batch K]` */
const { values } = parseArgs({
  options: {
    consoles: { type: 'string', default: '50' },
    numbers: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    block: { type: 'string', default: '500' },
    batch: { type: 'string', default: '250' },
  },
});

const result = await runRedsSimulation({
  consoles: Number(values.consoles),
  numbers: Number(values.numbers),
  seed: Number(values.seed),
  blockSize: Number(values.block),
  batchSize: Number(values.batch),
  killAt: [0.3, 0.65],
  log: (line) => console.error(line),
});
console.error(JSON.stringify(result));
console.log(`${result.issued} issued, ${result.duplicates} duplicates, ${result.unaccounted} unaccounted`);
process.exitCode = result.duplicates === 0 && result.unaccounted === 0 && result.acknowledgedMissing === 0 ? 0 : 1;

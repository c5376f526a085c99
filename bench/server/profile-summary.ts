/**
 * `tsx bench/server/profile-summary.ts FILE.cpuprofile [top]`: where a V8 CPU profile (`--profile` of
 * bench:server) spent its time — self time per function and inclusive time per project function.
 * Positions are those of tsx's transformed code (whitespace-minified): use the function names to find the source.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const shortUrl = (url: string): string => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '').replace(/^.*\/plantao-bench-tree-[^/]+\//, '');
const labelOf = (node: ProfileNode): string =>
  `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}`;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const node = byId.get(id);
  if (!node || node.callFrame.functionName === '(idle)') return;
  total += delta;
  self.set(labelOf(node), (self.get(labelOf(node)) ?? 0) + delta);
  // Inclusive time counts each function once per sample, however deep the recursion.
  const seen = new Set<string>();
  for (let current: ProfileNode | undefined = node; current; current = byId.get(parentOf.get(current.id) ?? -1)) {
    const label = labelOf(current);
    if (seen.has(label)) continue;
    seen.add(label);
    inclusive.set(label, (inclusive.get(label) ?? 0) + delta);
  }
});

const print = (title: string, entries: Map<string, number>, keep: (label: string) => boolean): void => {
  console.log(`\n${title}`);
  [...entries]
    .filter(([label]) => keep(label))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([label, micros]) => console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1e6).toFixed(2).padStart(7)}s  ${label}`));
};
console.log(`busy (non-idle) time: ${(total / 1e6).toFixed(2)}s`);
print('self time', self, () => true);
print('inclusive time, project code', inclusive, (label) => /(sync-server|shared)\//.test(label));

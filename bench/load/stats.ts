import { readFileSync } from 'node:fs';

/** Nearest-rank percentile of an unsorted list (ms); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const summary = (values: readonly number[]) => ({
  n: values.length,
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  p99: round(percentile(values, 99)),
});

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Resident set size of a process, MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? round(Number(match[1]) / 1024) : Number.NaN;
}

/** Peak RSS of some processes, sampled every `ms` until stopped. */
export function sampleRss(pids: () => number[], ms = 250): { stop(): Record<number, number> } {
  const peak: Record<number, number> = {};
  const timer = setInterval(() => {
    for (const pid of pids()) {
      try {
        peak[pid] = Math.max(peak[pid] ?? 0, rssMiB(pid));
      } catch {
        // gone (killed on purpose)
      }
    }
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

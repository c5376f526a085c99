import { z } from 'zod';
import { IsoDateTimeSchema, RedsLeaseSchema, RedsNumberSchema, type RedsLease, type RedsLedgerEntry } from '../schemas';
import { blocksOverlap, redsNumberOf, returnedFrom, sequenceInBlock } from './block';

/** Leases whose `leasedAt` falls in [from, to). */
export const RedsGapPeriodSchema = z
  .object({ from: IsoDateTimeSchema, to: IsoDateTimeSchema })
  .refine((period) => Date.parse(period.from) < Date.parse(period.to), { path: ['to'], message: 'período vazio' });
export type RedsGapPeriod = z.infer<typeof RedsGapPeriodSchema>;

const CountSchema = z.number().int().min(0);
const CountsSchema = z.object({
  numbers: CountSchema,
  issued: CountSchema,
  void: CountSchema,
  /** Never issued and handed back (returned or expired block). */
  unusedReturned: CountSchema,
  /** Never issued yet, in a block still active: a console may still issue them. */
  outstanding: CountSchema,
  /** Never recorded in a closed block below its returned tail: the gap the report exists to find. */
  missing: CountSchema,
});

export const RedsBlockAccountSchema = CountsSchema.extend({
  leaseId: z.string(),
  workstationId: z.string(),
  userId: z.string(),
  year: z.number().int(),
  firstSequence: z.number().int(),
  lastSequence: z.number().int(),
  status: RedsLeaseSchema.shape.status,
  leasedAt: IsoDateTimeSchema,
  missingNumbers: z.array(RedsNumberSchema),
});
export type RedsBlockAccount = z.infer<typeof RedsBlockAccountSchema>;

export const RedsGapReportSchema = z.object({
  period: RedsGapPeriodSchema,
  blocks: z.array(RedsBlockAccountSchema),
  totals: CountsSchema,
  /** Blocks of one year sharing sequences: must never happen. */
  overlaps: z.array(z.tuple([z.string(), z.string()])),
  /** Ledger entries of a reported block whose number is outside it, or inside a block leased to another lease id. */
  strays: z.array(z.object({ number: z.string(), leaseId: z.string() })),
});
export type RedsGapReport = z.infer<typeof RedsGapReportSchema>;

type Counts = z.infer<typeof CountsSchema>;
const zeroCounts = (): Counts => ({ numbers: 0, issued: 0, void: 0, unusedReturned: 0, outstanding: 0, missing: 0 });

type Stray = RedsGapReport['strays'][number];

function accountBlock(lease: RedsLease, entries: ReadonlyMap<string, RedsLedgerEntry>, strays: Stray[]): RedsBlockAccount {
  const counts = zeroCounts();
  const missingNumbers: string[] = [];
  const tail = returnedFrom(lease);
  for (let sequence = lease.firstSequence; sequence <= lease.lastSequence; sequence += 1) {
    const number = redsNumberOf(lease.year, sequence);
    const entry = entries.get(number);
    counts.numbers += 1;
    if (entry) {
      counts[entry.status === 'void' ? 'void' : 'issued'] += 1;
      if (entry.leaseId !== lease.leaseId) strays.push({ number, leaseId: entry.leaseId });
    }
    else if (tail !== null && sequence >= tail) counts.unusedReturned += 1;
    else if (lease.status === 'active') counts.outstanding += 1;
    else {
      counts.missing += 1;
      missingNumbers.push(number);
    }
  }
  const { leaseId, workstationId, userId, year, firstSequence, lastSequence, status, leasedAt } = lease;
  return { leaseId, workstationId, userId, year, firstSequence, lastSequence, status, leasedAt, ...counts, missingNumbers };
}

/** Accounts for every number of every block leased in the period: issued, void, unused-returned, outstanding or missing. */
export function redsGapReport(input: {
  leases: readonly RedsLease[];
  entries: readonly RedsLedgerEntry[];
  period: RedsGapPeriod;
}): RedsGapReport {
  const from = Date.parse(input.period.from);
  const to = Date.parse(input.period.to);
  const leases = input.leases
    .filter((lease) => Date.parse(lease.leasedAt) >= from && Date.parse(lease.leasedAt) < to)
    .sort((a, b) => a.year - b.year || a.firstSequence - b.firstSequence);
  const byNumber = new Map(input.entries.map((entry) => [entry.number, entry]));
  const strays: Stray[] = [];
  const blocks = leases.map((lease) => accountBlock(lease, byNumber, strays));
  const totals = zeroCounts();
  for (const block of blocks) for (const key of Object.keys(totals) as (keyof Counts)[]) totals[key] += block[key];

  const overlaps: [string, string][] = [];
  leases.forEach((lease, index) => {
    const following = leases[index + 1];
    if (following && blocksOverlap(lease, following)) overlaps.push([lease.leaseId, following.leaseId]);
  });
  const leaseById = new Map(leases.map((lease) => [lease.leaseId, lease]));
  for (const entry of input.entries) {
    const own = leaseById.get(entry.leaseId);
    if (own && sequenceInBlock(own, entry.number) === null) strays.push({ number: entry.number, leaseId: entry.leaseId });
  }
  return { period: input.period, blocks, totals, overlaps, strays };
}

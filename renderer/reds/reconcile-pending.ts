import { resolvePendingNumber, voidOrphan, type NumberHolder, type PendingResolution } from '../../shared/rules/triage/pending-numbers';
import type { Decision, RedsLedgerEntry } from '../../shared/schemas';
import type { PlantaoDatabase } from '../data/open-store';
import type { RedsPool } from './reds-pool';

type LedgerHost = Pick<PlantaoDatabase, 'decisions' | 'reds_ledger' | 'getLocal' | 'upsertLocal'>;

/** Local (never replicated) list of orphan numbers waiting for the server to hold them as issued before voiding. */
const ORPHANS_ID = 'reds-orphans';
type Orphans = { voids: Array<{ number: string; reason: string }> };

async function orphans(database: LedgerHost): Promise<Orphans> {
  const doc = await database.getLocal<Orphans>(ORPHANS_ID);
  return doc ? (doc.toJSON().data as Orphans) : { voids: [] };
}

/**
 * At start-up, before the pool issues anything: every number handed out but never settled is settled,
 * re-attached to the decision that holds it, or recorded and marked for voiding, then settled.
 */
export async function reconcilePendingNumbers(database: LedgerHost, pool: RedsPool, holder: NumberHolder): Promise<PendingResolution[]> {
  const resolutions: PendingResolution[] = [];
  for (const pending of pool.pending()) {
    const entry = (await database.reds_ledger.findOne(pending.number).exec())?.toJSON() as unknown as RedsLedgerEntry | undefined;
    const decisions = (await database.decisions.find({ selector: { requestId: pending.requestId } }).exec()).map((doc) => doc.toJSON() as unknown as Decision);
    const resolution = resolvePendingNumber(pending, entry ?? null, decisions, holder);
    if (resolution.kind === 'void') {
      const known = await orphans(database);
      await database.upsertLocal<Orphans>(ORPHANS_ID, { voids: [...known.voids.filter((item) => item.number !== resolution.number), { number: resolution.number, reason: resolution.reason }] });
    }
    if (resolution.kind !== 'settle') await database.reds_ledger.insert({ ...resolution.entry, id: resolution.number });
    await pool.settle(pending.number);
    resolutions.push(resolution);
  }
  await voidAcknowledgedOrphans(database);
  return resolutions;
}

/** Voids each recorded orphan whose issued entry reached the server (the server takes a new number only as issued). */
export async function voidAcknowledgedOrphans(database: LedgerHost, now = new Date()): Promise<void> {
  const { voids } = await orphans(database);
  if (voids.length === 0) return;
  const left: Orphans['voids'] = [];
  for (const orphan of voids) {
    const doc = await database.reds_ledger.findOne(orphan.number).exec();
    const entry = doc?.toJSON() as unknown as (RedsLedgerEntry & { couchRev?: string }) | undefined;
    if (!doc || !entry) continue;
    if (entry.status === 'void') continue;
    if (!entry.couchRev) {
      left.push(orphan);
      continue;
    }
    const voided = voidOrphan(entry, orphan.reason, now);
    await doc.incrementalPatch({ status: voided.status, void: voided.void });
  }
  await database.upsertLocal<Orphans>(ORPHANS_ID, { voids: left });
}

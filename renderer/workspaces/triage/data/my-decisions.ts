import { useEffect, useState } from 'react';
import { merge } from 'rxjs';
import { lostDecision, voidForLostDecision, type LostDecision } from '../../../../shared/rules/triage/decision';
import { DecisionSchema, decisionDocId, type Decision, type RedsLedgerEntry } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';

/** Local (never replicated) record of the decisions this console wrote, to notice one that lost a race. */
const LOCAL_ID = 'triage-my-decisions';
type MyDecisions = { decisions: Decision[]; acknowledged: string[] };

async function load(database: PlantaoDatabase): Promise<MyDecisions> {
  const doc = await database.getLocal<MyDecisions>(LOCAL_ID);
  return doc ? (doc.toJSON().data as MyDecisions) : { decisions: [], acknowledged: [] };
}

export async function rememberMyDecision(database: PlantaoDatabase, decision: Decision): Promise<void> {
  const current = await load(database);
  await database.upsertLocal<MyDecisions>(LOCAL_ID, { ...current, decisions: [...current.decisions, decision] });
}

export async function acknowledgeLost(database: PlantaoDatabase, decisionId: string): Promise<void> {
  const current = await load(database);
  await database.upsertLocal<MyDecisions>(LOCAL_ID, { ...current, acknowledged: [...current.acknowledged, decisionId] });
}

/**
 * Watches the decisions this console wrote: when sync brings another officer's decision at the same id,
 * the officer is told, and the REDS number issued for the lost decision is voided automatically.
 */
export function useLostDecisions(database: PlantaoDatabase): LostDecision[] {
  const [lost, setLost] = useState<LostDecision[]>([]);
  useEffect(() => {
    // Ledger changes too: a number can only be voided once its issued entry reached the server.
    const subscription = merge(database.decisions.find().$, database.reds_ledger.find().$).subscribe(() => {
      void (async () => {
        const mine = await load(database);
        const found: LostDecision[] = [];
        for (const decision of mine.decisions) {
          const id = decisionDocId(decision.requestId, decision.sequence);
          const stored = await database.decisions.findOne(id).exec();
          const parsed = stored ? DecisionSchema.safeParse(stored.toJSON()) : null;
          const loss = lostDecision(decision, parsed?.success ? parsed.data : null);
          if (!loss) continue;
          if (decision.redsNumber) await voidLedgerEntry(database, decision.redsNumber, loss);
          if (!mine.acknowledged.includes(id)) found.push(loss);
        }
        setLost(found);
      })();
    });
    return () => subscription.unsubscribe();
  }, [database]);
  return lost;
}

async function voidLedgerEntry(database: PlantaoDatabase, number: string, loss: LostDecision): Promise<void> {
  const entry = await database.reds_ledger.findOne(number).exec();
  const current = entry?.toJSON() as unknown as (RedsLedgerEntry & { couchRev?: string }) | undefined;
  // The server takes a new number only as issued: void it after that first push.
  if (!entry || !current?.couchRev || current.status === 'void') return;
  const voided = voidForLostDecision(current, loss.standing, new Date());
  await entry.incrementalPatch({ status: voided.status, void: voided.void });
}

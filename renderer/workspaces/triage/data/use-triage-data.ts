import { useEffect, useMemo, useState } from 'react';
import { combineLatest } from 'rxjs';
import { NATURES } from '../../../../shared/reference/natures';
import { openQueue, queueRow, type QueueRow } from '../../../../shared/rules/triage/queue';
import { UnitSchema, type Claim, type Decision, type OccurrenceRequest, type Unit } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';

export interface TriageData {
  unit: Unit | null;
  requests: Map<string, OccurrenceRequest>;
  claims: Map<string, Claim>;
  decisions: Map<string, Decision[]>;
  /** Open requests, least time left first. */
  queue: QueueRow[];
  loading: boolean;
}

const CLOCK_TICK_MS = 15_000;

function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The unit's requests (ascending [unitId, receivedAt] index), claims and decisions, live from the local store. */
export function useTriageData(database: PlantaoDatabase, unitId: string): TriageData {
  const [docs, setDocs] = useState<Omit<TriageData, 'queue'>>({ unit: null, requests: new Map(), claims: new Map(), decisions: new Map(), loading: true });
  const now = useNow();

  useEffect(() => {
    const subscription = combineLatest([
      database.reference.find({ selector: { type: 'unit' } }).$,
      database.requests.find({ selector: { unitId }, sort: [{ unitId: 'asc' }, { receivedAt: 'asc' }] }).$,
      database.claims.find({ selector: { unitId } }).$,
      database.decisions.find().$,
    ]).subscribe(([units, requests, claims, decisions]) => {
      const unit = units.map((doc) => UnitSchema.safeParse(doc.toJSON())).find((parsed) => parsed.success && parsed.data.unitId === unitId);
      const byRequest = new Map<string, Decision[]>();
      for (const doc of decisions) {
        const decision = doc.toJSON() as unknown as Decision;
        if (decision.unitId !== unitId) continue;
        byRequest.set(decision.requestId, [...(byRequest.get(decision.requestId) ?? []), decision]);
      }
      setDocs({
        unit: unit?.success ? unit.data : null,
        requests: new Map(requests.map((doc) => [doc.id, doc.toJSON() as unknown as OccurrenceRequest])),
        claims: new Map(claims.map((doc) => [doc.id, doc.toJSON() as unknown as Claim])),
        decisions: byRequest,
        loading: false,
      });
    });
    return () => subscription.unsubscribe();
  }, [database, unitId]);

  const queue = useMemo(() => {
    const { unit } = docs;
    if (!unit) return [];
    const context = { unit, natures: NATURES, now };
    return openQueue([...docs.requests.values()].map((request) => queueRow(request, docs.decisions.get(request.protocol) ?? [], docs.claims.get(request.protocol) ?? null, context)));
  }, [docs, now]);

  return { ...docs, queue };
}

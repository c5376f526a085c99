import { deriveTriageState, standingDecisions } from '../../../../shared/rules';
import { NATURES } from '../../../../shared/reference/natures';
import { matchesLookup, type LookupQuery } from '../../../../shared/rules/triage/lookup';
import { listedRequesterName } from '../../../../shared/rules/triage/queue';
import type { Claim, Decision, OccurrenceRequest, TriageState } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';

export interface LookupHit {
  protocol: string;
  natureCode: string;
  natureTableVersion: number;
  receivedAt: string;
  /** So the desk confirms whom it found; masked for domestic violence like every list. */
  requesterName: string;
  state: TriageState;
  redsNumber: string | null;
}

/**
 * Personal fields are encrypted at rest and cannot be queried: the unit's requests are read and matched
 * in memory (the shared rule), then only state and REDS number leave this function, never the narrative.
 */
export async function findRequests(database: PlantaoDatabase, unitId: string, query: LookupQuery): Promise<LookupHit[]> {
  const requests = await database.requests.find({ selector: { unitId } }).exec();
  const matches = requests.map((doc) => doc.toJSON() as unknown as OccurrenceRequest).filter((request) => matchesLookup(request, query));
  const now = new Date();
  return Promise.all(
    matches.map(async (request) => {
      const decisions = (await database.decisions.find({ selector: { requestId: request.protocol } }).exec()).map((doc) => doc.toJSON() as unknown as Decision);
      const claim = (await database.claims.findOne(request.protocol).exec())?.toJSON() as unknown as Claim | undefined;
      const validated = standingDecisions(decisions).find((decision) => decision.outcome === 'validated');
      return {
        protocol: request.protocol,
        natureCode: request.natureCode,
        natureTableVersion: request.natureTableVersion,
        receivedAt: request.receivedAt,
        requesterName: listedRequesterName(request, NATURES),
        state: deriveTriageState({ decisions, claim, now }),
        redsNumber: validated?.redsNumber ?? null,
      };
    }),
  );
}

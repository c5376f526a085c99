import type { AccessPolicy, ScopeLookup } from './access-policy';
import { createWriteChecker } from './check-write';
import { canAccessDatabase, readableScopes } from './read-scopes';
import { acceptIssuedNumber, type RedsIssueCheck } from './reds-writes';
import { scopeOf } from './scope-of';

export interface PlantaoPolicyOptions {
  /** The storage the write rules consult (the request a claim is about, the previous decision, the card process). */
  storage: ScopeLookup;
  now?: () => number;
  /** REDS follow-up: checks an issued number against its lease block. */
  redsIssueCheck?: RedsIssueCheck;
}

/** The access policy of Plantão's databases: read scopes per role and validated writes. */
export function createAccessPolicy(options: PlantaoPolicyOptions): AccessPolicy {
  const checkWrite = createWriteChecker({
    storage: options.storage,
    now: options.now ?? Date.now,
    redsIssueCheck: options.redsIssueCheck ?? acceptIssuedNumber,
  });
  return { scopeOf, readableScopes, checkWrite, canAccessDatabase };
}

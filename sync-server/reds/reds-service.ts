import {
  checkNewLedgerEntry,
  firstRecordSequence,
  redsGapReport,
  redsNumberOf,
  type RedsGapPeriod,
  type RedsGapReport,
  type RedsLeaseConfig,
} from '../../shared/reds';
import { RedsLedgerEntrySchema, type RedsLease, type RedsLeaseRequest, type RedsLedgerEntry } from '../../shared/schemas';
import { forbidden, HttpError } from '../auth/http-error';
import type { Principal } from '../auth/principal';
import type { AccessPolicy } from '../policy/access-policy';
import type { RedsIssueCheck } from '../policy/reds-writes';
import { ALLOWED, refuse } from '../policy/write-context';
import type { Storage } from '../storage/storage';
import type { LeaseStore } from './lease-store-port';

export const LEASES_DB = 'reds_leases';
export const LEDGER_DB = 'reds_ledger';

export interface RedsServiceOptions {
  store: LeaseStore;
  storage: Storage;
  policy: Pick<AccessPolicy, 'scopeOf'>;
  config: RedsLeaseConfig;
  now?: () => Date;
}

const isSupervisor = (principal: Principal) => principal.serverAdmin || principal.roles.some((role) => role === 'supervisor' || role === 'admin');

/** Leasing, returning and accounting of REDS numbers, and the ledger check the access policy runs. */
export class RedsService {
  constructor(private readonly options: RedsServiceOptions) {}

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** Creates the databases and publishes leases whose document a crash left unwritten. */
  async start(): Promise<void> {
    await this.options.storage.createDatabase(LEASES_DB);
    await this.options.storage.createDatabase(LEDGER_DB);
    await this.expireDue();
    for (const lease of await this.options.store.unpublished()) await this.publish(lease);
  }

  async lease(principal: Principal, request: RedsLeaseRequest): Promise<RedsLease> {
    if (!principal.roles.includes('triage_officer')) throw forbidden('Só policiais de triagem recebem números REDS.');
    if (!principal.unitId) throw forbidden('Seu usuário não está ligado a uma unidade.');
    await this.expireDue();
    const allocated = await this.options.store.allocate(
      { workstationId: request.workstationId, userId: principal.name, unitId: principal.unitId, size: request.size, now: this.now() },
      this.options.config,
    );
    if (!allocated.ok) throw new HttpError(409, 'conflict', allocated.error);
    await this.publish(allocated.value);
    return allocated.value;
  }

  /** Closes a block from the first sequence its console never issued; a closed block is answered as it is. */
  async returnLease(principal: Principal, leaseId: string, fromSequence: number): Promise<RedsLease> {
    const lease = await this.options.store.get(leaseId);
    if (!lease) throw new HttpError(404, 'not_found', 'Bloco de números REDS não encontrado.');
    if (lease.userId !== principal.name && !principal.serverAdmin) throw forbidden('Este bloco de números REDS é de outro usuário.');
    if (lease.status !== 'active') return lease;
    // Numbers already in the ledger stay issued whatever the console says.
    const from = Math.min(Math.max(fromSequence, (await this.lastRecordedSequence(lease)) + 1, lease.firstSequence), lease.lastSequence + 1);
    const closed = await this.options.store.closeLease(leaseId, 'returned', from, this.now());
    if (!closed) throw new HttpError(404, 'not_found', 'Bloco de números REDS não encontrado.');
    await this.publish(closed);
    return closed;
  }

  /** Closes expired blocks: numbers after the last one recorded count as unused-returned. */
  async expireDue(): Promise<void> {
    for (const lease of await this.options.store.dueForExpiry(this.now())) {
      const closed = await this.options.store.closeLease(lease.leaseId, 'expired', (await this.lastRecordedSequence(lease)) + 1, this.now());
      if (closed) await this.publish(closed);
    }
  }

  async gapReport(principal: Principal, period: RedsGapPeriod): Promise<RedsGapReport> {
    if (!isSupervisor(principal)) throw forbidden('Só supervisores consultam o relatório de lacunas REDS.');
    await this.expireDue();
    const leases = (await this.options.store.leasedBetween(period.from, period.to))
      .filter((lease) => principal.serverAdmin || !principal.unitId || lease.unitId === principal.unitId);
    return redsGapReport({ leases, entries: await this.entriesWithin(leases), period });
  }

  /** The policy's extension point: a new number must lie in a block leased to its workstation and user, once per request. */
  readonly issueCheck: RedsIssueCheck = async ({ doc, storage }) => {
    const lease = await this.options.store.get(doc.leaseId);
    const checked = checkNewLedgerEntry({ entry: doc, lease, requestNumber: null });
    if (!checked.ok) return refuse(checked.error);
    const claim = { requestId: doc.requestId, number: doc.number, leaseId: doc.leaseId, sequence: firstRecordSequence(doc.number)?.sequence ?? 0 };
    const held = await this.options.store.claimRequest(claim);
    if (!held) return ALLOWED;
    const heldEntry = RedsLedgerEntrySchema.safeParse(await storage.getBody(LEDGER_DB, held.held));
    const superseded = heldEntry.success ? heldEntry.data.status === 'void' : held.earlierRun;
    if (superseded) {
      await this.options.store.reclaimRequest(claim);
      return ALLOWED;
    }
    const again = checkNewLedgerEntry({ entry: doc, lease, requestNumber: held.held });
    if (again.ok) return ALLOWED;
    // The number was handed out (a decision that lost a race): it enters the ledger void, never missing.
    // Queued behind the write under way, which holds the storage's write queue.
    setImmediate(() => void this.voidRefused(doc, again.error));
    return refuse(`${again.error} O número ${doc.number} foi anulado automaticamente.`);
  };

  private async voidRefused(doc: RedsLedgerEntry, reason: string): Promise<void> {
    const voided: RedsLedgerEntry = {
      ...doc,
      status: 'void',
      void: { reason: `Recusado pelo servidor: ${reason}`, voidedBy: doc.userId, voidedAt: this.now().toISOString(), automatic: true },
    };
    const { storage, policy } = this.options;
    // A conflict means the number is already in the ledger: nothing to do.
    await storage.bulkWrite(LEDGER_DB, [{ id: doc.number, deleted: false, body: { ...voided }, attachments: {} }], {
      newEdits: true,
      scopeOf: (id, body) => policy.scopeOf(LEDGER_DB, id, body),
      check: async () => ALLOWED,
    });
  }

  /** Ledger entries from the lowest to the highest number of the blocks, in one range read. */
  private async entriesWithin(leases: readonly RedsLease[]): Promise<RedsLedgerEntry[]> {
    if (leases.length === 0) return [];
    const numbers = leases.flatMap((lease) => [redsNumberOf(lease.year, lease.firstSequence), redsNumberOf(lease.year, lease.lastSequence)]).sort();
    const page = await this.options.storage.allDocs(LEDGER_DB, {
      scope: 'all',
      keys: null,
      startKey: numbers[0] ?? null,
      endKey: numbers.at(-1) ?? null,
      inclusiveEnd: true,
      descending: false,
      limit: null,
      skip: 0,
      includeDocs: true,
    });
    return page.rows.flatMap((row) => {
      const parsed = RedsLedgerEntrySchema.safeParse(row.doc?.deleted ? null : row.doc?.body);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** The last number of a block that entered the ledger (its check passed), or the one before the block. */
  private async lastRecordedSequence(lease: RedsLease): Promise<number> {
    return (await this.options.store.lastClaimedSequence(lease.leaseId)) ?? lease.firstSequence - 1;
  }

  /** Writes the lease's current state as a `reds_lease` document, so consoles replicate it. */
  private async publish(lease: RedsLease): Promise<void> {
    const { storage, policy, store } = this.options;
    const current = (await storage.getDocuments(LEASES_DB, [lease.leaseId], 'all')).get(lease.leaseId);
    const [result] = await storage.bulkWrite(
      LEASES_DB,
      [{ id: lease.leaseId, ...(current ? { rev: current.winner.rev } : {}), deleted: false, body: { ...lease }, attachments: {} }],
      { newEdits: true, scopeOf: (id, body) => policy.scopeOf(LEASES_DB, id, body), check: async () => ALLOWED },
    );
    if (result && 'ok' in result) await store.markPublished(lease);
  }
}

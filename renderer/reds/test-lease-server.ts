import type { RedsLease } from '../../shared/schemas';
import type { LeaseSource } from './ports';

/** An in-memory stand-in for the lease routes, for the pool's unit tests (the real server is tested in test/reds). */
export class TestLeaseServer {
  online = true;
  /** The next grant is made but its reply never reaches the console. */
  loseNextReply = false;
  nextSequence = 1;
  readonly leases = new Map<string, RedsLease>();
  now = () => new Date('2026-03-01T09:00:00.000Z');
  leaseMinutes = 60 * 24;
  private heldListing: { entered: () => void; released: Promise<void> } | null = null;

  /** The next listing waits for `release`, then answers with the leases of that moment (a slow server). */
  holdNextListing(): { entered: Promise<void>; release: () => void } {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (this.heldListing = { entered: resolve, released }));
    return { entered, release };
  }

  sourceFor(workstationId: string, userId: string): LeaseSource {
    return {
      requestLease: async (size) => {
        this.assertOnline();
        const lease: RedsLease = {
          type: 'reds_lease',
          schemaVersion: 1,
          leaseId: `lease-${this.leases.size + 1}`,
          year: 2026,
          firstSequence: this.nextSequence,
          lastSequence: this.nextSequence + size - 1,
          workstationId,
          userId,
          unitId: 'dv-mg',
          leasedAt: this.now().toISOString(),
          expiresAt: new Date(this.now().getTime() + this.leaseMinutes * 60_000).toISOString(),
          status: 'active',
        };
        this.nextSequence += size;
        this.leases.set(lease.leaseId, lease);
        if (this.loseNextReply) {
          this.loseNextReply = false;
          throw new Error('Sem conexão com o servidor.');
        }
        return lease;
      },
      leasesOnServer: async () => {
        this.assertOnline();
        const held = this.heldListing;
        this.heldListing = null;
        if (held) {
          held.entered();
          await held.released;
        }
        return [...this.leases.values()].filter((lease) => lease.workstationId === workstationId && lease.userId === userId);
      },
      returnLease: async (leaseId, fromSequence) => {
        this.assertOnline();
        const lease = this.leases.get(leaseId);
        if (!lease) throw new Error('bloco desconhecido');
        if (lease.status !== 'active') return lease;
        const closed: RedsLease = { ...lease, status: 'returned', returnedFromSequence: fromSequence, closedAt: this.now().toISOString() };
        this.leases.set(leaseId, closed);
        return closed;
      },
    };
  }

  private assertOnline(): void {
    if (!this.online) throw new Error('Sem conexão com o servidor.');
  }
}

import { z } from 'zod';

const MINUTE_MS = 60_000;

/** The server's leasing policy. */
export const RedsLeaseConfigSchema = z.object({
  /** Block size when the console does not ask for one. */
  defaultBlockSize: z.number().int().min(1).max(100_000),
  /** The largest block one request may get. */
  maxBlockSize: z.number().int().min(1).max(100_000),
  /** How long a block may be used for issuing. Consoles may be offline for a whole shift. */
  leaseMinutes: z.number().int().min(1).max(60 * 24 * 31),
  /** Active blocks one workstation+user may hold at once (refills overlap the block being used). */
  maxActiveLeases: z.number().int().min(1).max(100),
});
export type RedsLeaseConfig = z.infer<typeof RedsLeaseConfigSchema>;

export const DEFAULT_REDS_LEASE_CONFIG: RedsLeaseConfig = {
  defaultBlockSize: 100,
  maxBlockSize: 1000,
  leaseMinutes: 7 * 24 * 60,
  maxActiveLeases: 4,
};

/** The console pool's policy. */
export const RedsPoolConfigSchema = z.object({
  /** Block size the console asks for. */
  blockSize: z.number().int().min(1).max(100_000),
  /** Refill when fewer numbers than this remain usable: enough for a shift offline. */
  refillThreshold: z.number().int().min(0).max(100_000),
  /** A block stops issuing this long before it expires, so the ledger entry is dated inside the lease. */
  expiryMarginMinutes: z.number().int().min(0).max(60 * 24),
});
export type RedsPoolConfig = z.infer<typeof RedsPoolConfigSchema>;

export const DEFAULT_REDS_POOL_CONFIG: RedsPoolConfig = {
  blockSize: 100,
  refillThreshold: 40,
  expiryMarginMinutes: 30,
};

/** The size the server grants for a request. */
export function grantedBlockSize(requested: number | undefined, config: RedsLeaseConfig): number {
  return Math.min(requested ?? config.defaultBlockSize, config.maxBlockSize);
}

export function leaseExpiresAt(now: Date, config: RedsLeaseConfig): Date {
  return new Date(now.getTime() + config.leaseMinutes * MINUTE_MS);
}

/** Whether a block may still issue at `now` (it must not be about to expire). */
export function isUsableUntil(expiresAt: string, now: Date, config: Pick<RedsPoolConfig, 'expiryMarginMinutes'>): boolean {
  return Date.parse(expiresAt) - config.expiryMarginMinutes * MINUTE_MS > now.getTime();
}

import type pg from 'pg';
import { inTransaction } from '../storage/postgres/transaction';
import type { Reservation, ReserveInput } from './intake-store';
import type { IntakeStorePort } from './intake-store-port';

const protocolOf = (year: number, sequence: number): string => `DV-${year}-${String(sequence).padStart(8, '0')}`;
const MAX_SEQUENCE = 99_999_999;

/**
 * Protocol numbers and portal submissions in PostgreSQL (migration 003), shared by every server process.
 * A reservation locks the year's counter row before looking for the submission: two processes receiving the
 * same submission take turns, and the second finds the first one's row (the same protocol).
 */
export class PgIntakeStore implements IntakeStorePort {
  constructor(private readonly pool: pg.Pool) {}

  async reserve(input: ReserveInput): Promise<Reservation> {
    return inTransaction(this.pool, async (client): Promise<Reservation> => {
      await client.query('INSERT INTO intake_counters (year, last_sequence) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING', [input.year]);
      const counter = await client.query<{ last_sequence: number }>('SELECT last_sequence FROM intake_counters WHERE year = $1 FOR UPDATE', [input.year]);
      const found = (
        await client.query<{ protocol: string; submission_sha256: string; document: string; stored: boolean }>(
          'SELECT protocol, submission_sha256, document, stored FROM intake_submissions WHERE portal_submission_id = $1',
          [input.portalSubmissionId],
        )
      ).rows[0];
      if (found) {
        return found.submission_sha256 === input.submissionSha256
          ? { kind: 'existing', protocol: found.protocol, document: found.document, stored: found.stored }
          : { kind: 'mismatch', protocol: found.protocol };
      }
      const sequence = Math.max(counter.rows[0]!.last_sequence, input.floor) + 1;
      if (sequence > MAX_SEQUENCE) throw new Error(`intake protocol counter of ${input.year} exhausted`);
      await client.query('UPDATE intake_counters SET last_sequence = $2 WHERE year = $1', [input.year, sequence]);
      const protocol = protocolOf(input.year, sequence);
      const document = input.build(protocol);
      await client.query('INSERT INTO intake_submissions (portal_submission_id, protocol, submission_sha256, document) VALUES ($1, $2, $3, $4)', [
        input.portalSubmissionId,
        protocol,
        input.submissionSha256,
        document,
      ]);
      return { kind: 'new', protocol, document };
    });
  }

  async markStored(portalSubmissionId: string): Promise<void> {
    await this.pool.query('UPDATE intake_submissions SET stored = TRUE WHERE portal_submission_id = $1', [portalSubmissionId]);
  }

  async forget(portalSubmissionId: string): Promise<void> {
    await this.pool.query('DELETE FROM intake_submissions WHERE portal_submission_id = $1 AND NOT stored', [portalSubmissionId]);
  }

  async unstored(): Promise<{ portalSubmissionId: string; protocol: string; document: string }[]> {
    return (
      await this.pool.query<{ portalSubmissionId: string; protocol: string; document: string }>(
        'SELECT portal_submission_id AS "portalSubmissionId", protocol, document FROM intake_submissions WHERE NOT stored',
      )
    ).rows;
  }

  /** The pool belongs to the storage, which closes it. */
  close(): void {}
}

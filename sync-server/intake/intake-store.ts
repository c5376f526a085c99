import BetterSqlite3, { type Database } from 'better-sqlite3';

/** What `reserve` found or made for a portal submission id. */
export type Reservation =
  | { kind: 'new'; protocol: string; document: string }
  | { kind: 'existing'; protocol: string; document: string; stored: boolean }
  | { kind: 'mismatch'; protocol: string };

export interface ReserveInput {
  portalSubmissionId: string;
  submissionSha256: string;
  year: number;
  /** The highest sequence of the year already in the `requests` database (imported data): never reissued. */
  floor: number;
  /** The stored document for the protocol the counter gives. */
  build(protocol: string): string;
}

const protocolOf = (year: number, sequence: number): string => `DV-${year}-${String(sequence).padStart(8, '0')}`;
const MAX_SEQUENCE = 99_999_999;

/**
 * Protocol numbers and portal submissions in the sync server's SQLite file (migration 004), over a
 * connection of its own. Each reservation is one IMMEDIATE transaction: the counter step and the
 * submission row commit together, so a protocol is never given twice nor to two submissions.
 */
export class IntakeStore {
  private constructor(private readonly db: Database) {}

  /** Opens the file the storage has already migrated. */
  static open(file: string): IntakeStore {
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    return new IntakeStore(db);
  }

  reserve(input: ReserveInput): Reservation {
    return this.db.transaction((): Reservation => {
      const found = this.db
        .prepare<[string], { protocol: string; submission_sha256: string; document: string; stored: number }>(
          'SELECT protocol, submission_sha256, document, stored FROM intake_submissions WHERE portal_submission_id = ?',
        )
        .get(input.portalSubmissionId);
      if (found) {
        return found.submission_sha256 === input.submissionSha256
          ? { kind: 'existing', protocol: found.protocol, document: found.document, stored: found.stored === 1 }
          : { kind: 'mismatch', protocol: found.protocol };
      }
      const last = this.db.prepare<[number], { last_sequence: number }>('SELECT last_sequence FROM intake_counters WHERE year = ?').get(input.year);
      const sequence = Math.max(last?.last_sequence ?? 0, input.floor) + 1;
      if (sequence > MAX_SEQUENCE) throw new Error(`intake protocol counter of ${input.year} exhausted`);
      this.db
        .prepare('INSERT INTO intake_counters (year, last_sequence) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last_sequence = excluded.last_sequence')
        .run(input.year, sequence);
      const protocol = protocolOf(input.year, sequence);
      const document = input.build(protocol);
      this.db
        .prepare('INSERT INTO intake_submissions (portal_submission_id, protocol, submission_sha256, document) VALUES (?, ?, ?, ?)')
        .run(input.portalSubmissionId, protocol, input.submissionSha256, document);
      return { kind: 'new', protocol, document };
    }).immediate();
  }

  markStored(portalSubmissionId: string): void {
    this.db.prepare('UPDATE intake_submissions SET stored = 1 WHERE portal_submission_id = ?').run(portalSubmissionId);
  }

  /** Forgets a submission the storage refused: its protocol stays used (a gap), the portal may send again. */
  forget(portalSubmissionId: string): void {
    this.db.prepare('DELETE FROM intake_submissions WHERE portal_submission_id = ? AND stored = 0').run(portalSubmissionId);
  }

  /** Submissions whose document write did not finish (a crash in between). */
  unstored(): { portalSubmissionId: string; protocol: string; document: string }[] {
    return this.db
      .prepare<[], { portalSubmissionId: string; protocol: string; document: string }>(
        'SELECT portal_submission_id AS portalSubmissionId, protocol, document FROM intake_submissions WHERE stored = 0',
      )
      .all();
  }

  close(): void {
    this.db.close();
  }
}

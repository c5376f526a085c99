import { redsGapReport, type RedsGapReport } from '../../reds/gap-report';
import type { RedsLease, RedsLedgerEntry } from '../../schemas';
import type { Period } from './period';

export interface WorkstationRedsRow {
  workstationId: string;
  blocks: number;
  issued: number;
  void: number;
  /** Never issued: handed back, or still issuable in an active block. */
  unused: number;
  missing: number;
}

/** The gap report of the blocks leased in the period, and its totals per workstation. */
export function redsLedgerSummary(input: { leases: readonly RedsLease[]; entries: readonly RedsLedgerEntry[]; period: Period }): {
  report: RedsGapReport;
  byWorkstation: WorkstationRedsRow[];
} {
  const report = redsGapReport(input);
  const rows = new Map<string, WorkstationRedsRow>();
  for (const block of report.blocks) {
    let row = rows.get(block.workstationId);
    if (!row) {
      row = { workstationId: block.workstationId, blocks: 0, issued: 0, void: 0, unused: 0, missing: 0 };
      rows.set(block.workstationId, row);
    }
    row.blocks += 1;
    row.issued += block.issued;
    row.void += block.void;
    row.unused += block.unusedReturned + block.outstanding;
    row.missing += block.missing;
  }
  return { report, byWorkstation: [...rows.values()].sort((a, b) => a.workstationId.localeCompare(b.workstationId)) };
}

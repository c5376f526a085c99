import { describe, expect, it } from 'vitest';
import { checkNewLedgerEntry } from './ledger-check';
import { entryFixture, leaseFixture } from './test-fixtures';

describe('checkNewLedgerEntry', () => {
  const lease = leaseFixture();

  it('accepts a number of the own active block', () => {
    expect(checkNewLedgerEntry({ entry: entryFixture(lease, 105), lease, requestNumber: null })).toEqual({ ok: true, value: true });
  });

  it('refuses a number of a block leased to someone else, with a reason in Portuguese', () => {
    const entry = entryFixture(lease, 105, { userId: 'bruno' });
    const result = checkNewLedgerEntry({ entry, lease, requestNumber: null });
    expect(result).toEqual({ ok: false, error: 'O número REDS 2026-000000105-001 não pertence a um bloco reservado para esta estação e este usuário.' });
    expect(checkNewLedgerEntry({ entry: entryFixture(lease, 105), lease: null, requestNumber: null }).ok).toBe(false);
    expect(checkNewLedgerEntry({ entry: entryFixture(lease, 105, { workstationId: 'ws-02' }), lease, requestNumber: null }).ok).toBe(false);
  });

  it('refuses numbers outside the block, in the returned tail, or after expiry', () => {
    expect(checkNewLedgerEntry({ entry: entryFixture(lease, 111), lease, requestNumber: null }).ok).toBe(false);
    const returned = leaseFixture({ status: 'returned', returnedFromSequence: 104 });
    expect(checkNewLedgerEntry({ entry: entryFixture(returned, 103), lease: returned, requestNumber: null }).ok).toBe(true);
    expect(checkNewLedgerEntry({ entry: entryFixture(returned, 104), lease: returned, requestNumber: null })).toMatchObject({ ok: false });
    const late = entryFixture(lease, 105, { issuedAt: '2026-03-08T08:00:01.000Z' });
    expect(checkNewLedgerEntry({ entry: late, lease, requestNumber: null }).ok).toBe(false);
  });

  it('accepts a number issued before its block expired even when it arrives later', () => {
    const expired = leaseFixture({ status: 'expired', returnedFromSequence: 101 });
    expect(checkNewLedgerEntry({ entry: entryFixture(expired, 107), lease: expired, requestNumber: null }).ok).toBe(true);
  });

  it('refuses a second validation of one request', () => {
    const result = checkNewLedgerEntry({ entry: entryFixture(lease, 105), lease, requestNumber: '2026-000000101-001' });
    expect(result).toEqual({ ok: false, error: 'A solicitação DV-2026-00000105 já foi validada com o número REDS 2026-000000101-001.' });
  });
});

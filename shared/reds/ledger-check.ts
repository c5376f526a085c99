import { err, ok, type RedsLease, type RedsLedgerEntry, type Result } from '../schemas';
import { sequenceInBlock } from './block';

/**
 * Whether a new ledger entry may stand: its number lies in a block leased to the same workstation and user,
 * was not handed back, was issued while the block was valid, and its request holds no other number.
 * Reasons are pt-BR: the console shows them to the officer.
 */
export function checkNewLedgerEntry(input: {
  entry: Pick<RedsLedgerEntry, 'number' | 'leaseId' | 'workstationId' | 'userId' | 'requestId' | 'issuedAt'>;
  /** The lease the entry names, or null when the server has none. */
  lease: RedsLease | null;
  /** The number the request already holds in the ledger, if any. */
  requestNumber: string | null;
}): Result<true> {
  const { entry, lease, requestNumber } = input;
  if (!lease || lease.workstationId !== entry.workstationId || lease.userId !== entry.userId) {
    return err(`O número REDS ${entry.number} não pertence a um bloco reservado para esta estação e este usuário.`);
  }
  const sequence = sequenceInBlock(lease, entry.number);
  if (sequence === null) {
    return err(`O número REDS ${entry.number} está fora do bloco reservado para esta estação e este usuário.`);
  }
  if (lease.status === 'returned' && sequence >= (lease.returnedFromSequence ?? lease.firstSequence)) {
    return err(`O número REDS ${entry.number} foi devolvido ao servidor e não pode mais ser emitido.`);
  }
  if (Date.parse(entry.issuedAt) > Date.parse(lease.expiresAt)) {
    return err(`O bloco do número REDS ${entry.number} já tinha expirado na emissão.`);
  }
  if (requestNumber !== null && requestNumber !== entry.number) {
    return err(`A solicitação ${entry.requestId} já foi validada com o número REDS ${requestNumber}.`);
  }
  return ok(true);
}

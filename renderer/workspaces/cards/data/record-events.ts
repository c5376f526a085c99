import { CardStageEventSchema, documentIdOf, err, ok, type CardStageEvent, type Result } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';

export type NewCardEvent = Omit<CardStageEvent, 'type' | 'schemaVersion' | 'eventId' | 'at' | 'byUserId' | 'byName' | 'workstationId'>;

export interface Recorder {
  userId: string;
  displayName: string;
  workstationId: string;
}

const WORKSTATION_KEY = 'plantao.workstationId';

/** This desk's id, made once and kept: every event says where it was recorded. */
export function workstationId(): string {
  let id = localStorage.getItem(WORKSTATION_KEY);
  if (!id) {
    id = `ws-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem(WORKSTATION_KEY, id);
  }
  return id;
}

/** Stamps the moves with who, when and where; validates them all before any is written. */
export function stampEvents(moves: readonly NewCardEvent[], recorder: Recorder, now: Date): CardStageEvent[] {
  return moves.map((move) =>
    CardStageEventSchema.parse({
      ...move,
      type: 'card_event',
      schemaVersion: 1,
      eventId: crypto.randomUUID(),
      at: now.toISOString(),
      byUserId: recorder.userId,
      byName: recorder.displayName,
      workstationId: recorder.workstationId,
    }),
  );
}

/** One bulk insert of append-only events (one IndexedDB transaction): all are written, or none. */
export async function recordCardEvents(database: PlantaoDatabase, events: readonly CardStageEvent[]): Promise<Result<number>> {
  try {
    const result = await database.card_events.bulkInsert(events.map((event) => ({ ...event, id: documentIdOf(event) })));
    if (result.error.length > 0) return err(`Não foi possível gravar ${result.error.length} movimentação(ões) neste computador.`);
    return ok(result.success.length);
  } catch {
    return err('Não foi possível gravar as movimentações neste computador; nada foi registrado.');
  }
}

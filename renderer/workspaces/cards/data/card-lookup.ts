import { cardLookupAccessEntries, lookupCards, type CardLookupQuery, type LookupActor } from '../../../../shared/rules/cards';
import { CardProcessSchema, err, ok, type CardProcess, type Result } from '../../../../shared/schemas';
import type { SessionProfile } from '../../../auth/store-registry';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { findCardsByCpf } from './cpf-index';
import { stripStored } from './strip-stored';

/** Who looks cards up, as the access log records them; null when the profile has no unit or post to scope it. */
export function lookupActorOf(profile: SessionProfile, workstationId: string): LookupActor | null {
  const scopeId = profile.unitId ?? profile.postId;
  const role = profile.roles.includes('service_desk') ? 'service_desk' : profile.roles[0];
  return scopeId && role ? { userId: profile.userId, userName: profile.displayName, role, scopeId, workstationId } : null;
}

async function findCards(database: PlantaoDatabase, query: CardLookupQuery): Promise<CardProcess[]> {
  if (!('protocol' in query)) return findCardsByCpf(database, query.cpf, query.birthDate);
  const doc = await database.cards.findOne(query.protocol.trim().toUpperCase()).exec();
  return lookupCards(doc ? [CardProcessSchema.parse(stripStored(doc.toJSON() as StoredDocument))] : [], query);
}

/**
 * Service desk: the cards matching a protocol or a CPF and birth date, shown only once the look-up is in the
 * access log (one entry per card, or one for a look-up that found nothing).
 */
export async function lookupCardsLogged(database: PlantaoDatabase, actor: LookupActor, query: CardLookupQuery, now = new Date()): Promise<Result<CardProcess[]>> {
  const cards = await findCards(database, query);
  const entries = cardLookupAccessEntries(
    query,
    cards.map((card) => card.protocol),
    actor,
    now,
    () => crypto.randomUUID(),
  );
  const written = await database.access_log.bulkInsert(entries.map((entry) => ({ ...entry, id: entry.entryId })));
  if (written.error.length > 0) return err('Não foi possível registrar a consulta no registro de acessos; o resultado não será exibido.');
  return ok(cards);
}

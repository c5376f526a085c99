import { getChangedDocumentsSince } from 'rxdb';
import { lookupCards } from '../../../../shared/rules/cards';
import { CardProcessSchema, type CardProcess } from '../../../../shared/schemas';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { stripStored } from './strip-stored';

/*
 * Service-desk look-up by CPF without reading every card. The holder (CPF included) is encrypted at rest, so
 * it can be neither indexed nor queried; decrypting every card of the store on each look-up would cost seconds
 * and touch every citizen's data for one question. Instead this desk keeps, in local (never replicated)
 * documents, a map from an HMAC-SHA-256 of the CPF to the protocols holding it. The HMAC is keyed with the
 * store's password, which is derived from the login and never written to disk: a copied IndexedDB does not
 * give the CPFs back, whereas a plain hash of the ~10⁹ possible CPFs would be reversed in minutes.
 * The map is brought up to date at each look-up from the cards changed since its last checkpoint (a one-time
 * pass on a desk's first look-up, then only what replication brought since), and a hit is always re-checked
 * against the decrypted card, so an entry left over from a corrected CPF cannot show the wrong person.
 * Statewide, a look-up answered by the sync server from the same kind of keyed index would spare desks the
 * cards of every post; that needs a server endpoint (see the cards workspace notes in docs).
 */

const PREFIX = 'card-cpf-index';
const CHECKPOINT_ID = `${PREFIX}:checkpoint`;
/** 256 buckets by the key's first byte: a look-up reads one small document, a catch-up writes few. */
const bucketOf = (key: string) => `${PREFIX}:${key.slice(0, 2)}`;
const BATCH = 500;

type Bucket = { entries: Record<string, readonly string[]> };

const keys = new WeakMap<PlantaoDatabase, Promise<CryptoKey>>();
/** Catch-ups of one store run one after another: two look-ups must not write the same bucket concurrently. */
const catchUps = new WeakMap<PlantaoDatabase, Promise<void>>();

function hmacKey(database: PlantaoDatabase): Promise<CryptoKey> {
  let key = keys.get(database);
  if (!key) {
    const secret = new TextEncoder().encode(String(database.password));
    key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(database, key);
  }
  return key;
}

export async function cpfKey(database: PlantaoDatabase, cpf: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(database), new TextEncoder().encode(cpf.replace(/\D/g, '')));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function catchUp(database: PlantaoDatabase): Promise<void> {
  let checkpoint: unknown = (await database.getLocal<{ checkpoint: unknown }>(CHECKPOINT_ID))?.toJSON().data.checkpoint;
  const additions = new Map<string, Map<string, Set<string>>>();
  for (;;) {
    const changed = await getChangedDocumentsSince(database.cards.storageInstance, BATCH, checkpoint);
    if (changed.documents.length === 0) break;
    for (const doc of changed.documents) {
      if (doc._deleted || doc.type !== 'card_process') continue;
      const key = await cpfKey(database, doc.holder.cpf);
      const bucket = additions.get(bucketOf(key)) ?? new Map<string, Set<string>>();
      additions.set(bucketOf(key), bucket.set(key, (bucket.get(key) ?? new Set()).add(doc.protocol)));
    }
    checkpoint = changed.checkpoint;
  }
  if (additions.size === 0) return;
  for (const [id, added] of additions) {
    const entries = { ...(await database.getLocal<Bucket>(id))?.toJSON().data.entries };
    for (const [key, protocols] of added) entries[key] = [...new Set([...(entries[key] ?? []), ...protocols])];
    await database.upsertLocal<Bucket>(id, { entries });
  }
  await database.upsertLocal(CHECKPOINT_ID, { checkpoint });
}

function caughtUp(database: PlantaoDatabase): Promise<void> {
  const next = (catchUps.get(database) ?? Promise.resolve()).catch(() => undefined).then(() => catchUp(database));
  catchUps.set(database, next);
  return next;
}

/** The cards of a holder (CPF and birth date must both match), reading only the cards the index points to. */
export async function findCardsByCpf(database: PlantaoDatabase, cpf: string, birthDate: string): Promise<CardProcess[]> {
  await caughtUp(database);
  const key = await cpfKey(database, cpf);
  const protocols = (await database.getLocal<Bucket>(bucketOf(key)))?.toJSON().data.entries[key] ?? [];
  if (protocols.length === 0) return [];
  const docs = await database.cards.findByIds([...protocols]).exec();
  const cards = [...docs.values()].map((doc) => CardProcessSchema.parse(stripStored(doc.toJSON() as StoredDocument)));
  return lookupCards(cards, { cpf, birthDate });
}

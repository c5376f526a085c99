import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import {
  DATABASE_NAMES,
  DATABASES,
  PlantaoDocumentSchema,
  type DatabaseName,
  type DocumentType,
  type PlantaoDocument,
} from '../../shared/schemas';

/**
 * A replicated document as RxDB stores it: the shared body plus the CouchDB `_id` as `id`, the last
 * server revision this console saw (`couchRev`, sent back as `_rev` on push) and attachment stubs.
 */
export type StoredDocument = PlantaoDocument & {
  id: string;
  couchRev?: string;
  couchAttachments?: Record<string, unknown>;
};

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** Queries sort ascending only (Dexie): every index lists the hot query's fields in read order. */
export const COLLECTION_INDEXES: Record<DatabaseName, string[][]> = {
  requests: [['unitId', 'receivedAt']],
  claims: [['unitId', 'claimedAt']],
  decisions: [['requestId', 'sequence']],
  notes: [['createdAt']],
  reds_ledger: [['unitId', 'issuedAt']],
  reds_leases: [['userId', 'leasedAt']],
  cards: [['postId', 'protocol']],
  card_events: [['protocol', 'at'], ['postId', 'at']],
  access_log: [['scopeId', 'at']],
  reference: [['type']],
  notices: [['endsAt']],
};

/** Personal data sealed at rest (renderer/data/sealed-storage.ts); such fields cannot be indexed or queried. */
export const ENCRYPTED_FIELDS: Partial<Record<DatabaseName, string[]>> = {
  requests: ['requester', 'victim', 'authors', 'witnesses', 'narrative'],
  cards: ['holder'],
};

/** Indexed strings need a bound length; these fields have none in their zod shape. */
const INDEX_STRING_MAX_LENGTH = 60;

const memberSchemaOf = (type: DocumentType): z.ZodType => {
  const member = PlantaoDocumentSchema.options.find((option) => option.shape.type.value === type);
  if (!member) throw new Error(`no schema for document type ${type}`);
  return member;
};

/** The top-level properties of every document type a database holds (a database may hold several types). */
function mergedProperties(db: DatabaseName): { properties: Record<string, JsonSchema>; requiredByAll: string[] } {
  const properties: Record<string, JsonSchema> = {};
  let requiredByAll: string[] | null = null;
  for (const type of DATABASES[db]) {
    const json = z.toJSONSchema(memberSchemaOf(type), { unrepresentable: 'any', io: 'input' }) as JsonSchema;
    for (const [name, property] of Object.entries(json.properties ?? {})) properties[name] ??= property;
    const required: string[] = json.required ?? [];
    requiredByAll = requiredByAll === null ? required : requiredByAll.filter((name) => required.includes(name));
  }
  // One collection can hold several types: `type` takes any of them.
  properties.type = { type: 'string', enum: [...DATABASES[db]], maxLength: 40 };
  return { properties, requiredByAll: requiredByAll ?? [] };
}

export function collectionSchemaOf(db: DatabaseName): RxJsonSchema<StoredDocument> {
  const { properties, requiredByAll } = mergedProperties(db);
  const indexes = COLLECTION_INDEXES[db];
  for (const field of indexes.flat()) {
    const property = properties[field];
    if (!property) throw new Error(`index field ${db}.${field} is not a property`);
    if (property.type === 'string' && property.maxLength === undefined) property.maxLength = INDEX_STRING_MAX_LENGTH;
    if (property.type === 'number' || property.type === 'integer') {
      property.minimum ??= 0;
      property.maximum ??= Number.MAX_SAFE_INTEGER;
      property.multipleOf ??= 1;
    }
  }
  const schema = {
    title: db,
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      ...properties,
      id: { type: 'string', maxLength: 200 },
      couchRev: { type: 'string' },
      couchAttachments: { type: 'object' },
    },
    // Dexie indexes only required fields.
    required: [...new Set(['id', ...requiredByAll, ...indexes.flat()])],
    indexes,
    encrypted: ENCRYPTED_FIELDS[db] ?? [],
  };
  return schema as unknown as RxJsonSchema<StoredDocument>;
}

export const COLLECTION_SCHEMAS = Object.fromEntries(DATABASE_NAMES.map((db) => [db, collectionSchemaOf(db)])) as Record<
  DatabaseName,
  RxJsonSchema<StoredDocument>
>;

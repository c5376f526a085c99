import { z } from 'zod';
import { AccessLogEntrySchema } from './access-log';
import { CardProcessSchema, CardStageEventSchema } from './card';
import { RedsLeaseSchema, RedsLedgerEntrySchema } from './reds';
import {
  MaintenanceNoticeSchema,
  NatureSchema,
  PostSchema,
  ReasonTemplateSchema,
  UnitSchema,
  UserProfileSchema,
} from './reference';
import { OccurrenceRequestSchema } from './request';
import { ClaimSchema, DecisionSchema, NoteSchema, decisionDocId } from './triage';

/** Every document the system stores, told apart by `type`. */
export const PlantaoDocumentSchema = z.discriminatedUnion('type', [
  OccurrenceRequestSchema,
  ClaimSchema,
  DecisionSchema,
  NoteSchema,
  RedsLedgerEntrySchema,
  RedsLeaseSchema,
  CardProcessSchema,
  CardStageEventSchema,
  AccessLogEntrySchema,
  NatureSchema,
  UnitSchema,
  PostSchema,
  ReasonTemplateSchema,
  UserProfileSchema,
  MaintenanceNoticeSchema,
]);
export type PlantaoDocument = z.infer<typeof PlantaoDocumentSchema>;
export type DocumentType = PlantaoDocument['type'];
export type DocumentOfType<T extends DocumentType> = Extract<PlantaoDocument, { type: T }>;

/** The CouchDB databases of the sync server and the document types each one holds. */
export const DATABASES = {
  requests: ['request'],
  claims: ['claim'],
  decisions: ['decision'],
  notes: ['note'],
  reds_ledger: ['reds_entry'],
  reds_leases: ['reds_lease'],
  cards: ['card_process'],
  card_events: ['card_event'],
  access_log: ['access_entry'],
  reference: ['nature', 'unit', 'post', 'reason_template', 'user'],
  notices: ['notice'],
} as const satisfies Record<string, readonly DocumentType[]>;
export type DatabaseName = keyof typeof DATABASES;
export const DATABASE_NAMES = Object.keys(DATABASES) as DatabaseName[];
export const DatabaseNameSchema = z.enum(DATABASE_NAMES as [DatabaseName, ...DatabaseName[]]);

export function databaseOf(type: DocumentType): DatabaseName {
  const found = DATABASE_NAMES.find((name) => (DATABASES[name] as readonly string[]).includes(type));
  if (!found) throw new Error(`no database holds documents of type ${type}`);
  return found;
}

/** The `_id` a document must have: one document per natural key, so races become revision conflicts. */
export function documentIdOf(doc: PlantaoDocument): string {
  switch (doc.type) {
    case 'request':
      return doc.protocol;
    case 'claim':
      return doc.requestId;
    case 'decision':
      return decisionDocId(doc.requestId, doc.sequence);
    case 'note':
      return `${doc.subject.id}:${doc.createdAt}:${doc.authorId}`;
    case 'reds_entry':
      return doc.number;
    case 'reds_lease':
      return doc.leaseId;
    case 'card_process':
      return doc.protocol;
    case 'card_event':
      return `${doc.protocol}:${doc.eventId}`;
    case 'access_entry':
      return doc.entryId;
    case 'nature':
      return `nature:${doc.code}:v${doc.tableVersion}`;
    case 'unit':
      return `unit:${doc.unitId}`;
    case 'post':
      return `post:${doc.postId}`;
    case 'reason_template':
      return `reason_template:${doc.code}`;
    case 'user':
      return `user:${doc.userId}`;
    case 'notice':
      return `notice:${doc.noticeId}`;
  }
}

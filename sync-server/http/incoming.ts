import { parseRev } from '../storage/rev-tree';
import type { AttachmentInput, DocumentWrite } from '../storage/storage';
import { badRequest } from './errors';
import { isPlainObject, isStringArray } from './params';

const MAX_ID_LENGTH = 512;
/** Special members clients may send back that carry no data of their own. */
const IGNORED_MEMBERS = new Set(['_conflicts', '_deleted_conflicts', '_revs_info', '_local_seq']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Document ids: `_design/…` is the only reserved prefix a replicated document may use. */
export function checkDocId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) throw badRequest('Document id must be a non-empty string', 'illegal_docid');
  if (id.length > MAX_ID_LENGTH) throw badRequest('Document id is too long', 'illegal_docid');
  if (id.startsWith('_') && !(id.startsWith('_design/') && id.length > '_design/'.length)) {
    throw badRequest('Only reserved document ids may start with underscore.', 'illegal_docid');
  }
  return id;
}

export function checkRev(rev: unknown): string {
  if (typeof rev !== 'string' || !parseRev(rev)) throw badRequest('Invalid rev format');
  return rev;
}

/**
 * A CouchDB document as sent by a client, split into what the storage writes. `id` comes from the URL when
 * there is one; the body's `_id`, if any, must agree.
 */
export function parseIncoming(raw: unknown, options: { id?: string; rev?: string; requireRev?: boolean }): DocumentWrite {
  if (!isPlainObject(raw)) throw badRequest('Document must be a JSON object');
  const body: Record<string, unknown> = {};
  let id = options.id;
  let rev = options.rev;
  let deleted = false;
  let revisions: DocumentWrite['revisions'];
  let attachments: Record<string, AttachmentInput> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith('_')) {
      body[key] = value;
      continue;
    }
    switch (key) {
      case '_id':
        if (id !== undefined && value !== id) throw badRequest('Document id must match the URL');
        id = checkDocId(value);
        break;
      case '_rev':
        if (rev !== undefined && value !== rev) throw badRequest('Document rev from request body and query string have different values');
        rev = checkRev(value);
        break;
      case '_deleted':
        if (typeof value !== 'boolean') throw badRequest('_deleted must be a boolean', 'doc_validation');
        deleted = value;
        break;
      case '_revisions':
        revisions = parseRevisions(value);
        break;
      case '_attachments':
        attachments = parseAttachments(value);
        break;
      default:
        if (!IGNORED_MEMBERS.has(key)) throw badRequest(`Bad special document member: ${key}`, 'doc_validation');
    }
  }
  if (id === undefined) throw badRequest('Document id is missing', 'illegal_docid');
  if (options.requireRev && rev === undefined) throw badRequest('Document rev is missing');
  return { id: checkDocId(id), ...(rev ? { rev } : {}), ...(revisions ? { revisions } : {}), deleted, body, attachments };
}

function parseRevisions(value: unknown): { start: number; ids: string[] } {
  if (!isPlainObject(value) || !Number.isSafeInteger(value.start) || (value.start as number) < 1 || !isStringArray(value.ids)) {
    throw badRequest('_revisions must be { start, ids }', 'doc_validation');
  }
  return { start: value.start as number, ids: value.ids };
}

function parseAttachments(value: unknown): Record<string, AttachmentInput> {
  if (!isPlainObject(value)) throw badRequest('_attachments must be an object', 'doc_validation');
  const parsed: Record<string, AttachmentInput> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (!name || name.startsWith('_')) throw badRequest('Attachment name must not start with underscore', 'bad_request');
    if (!isPlainObject(raw)) throw badRequest(`Invalid attachment ${name}`, 'doc_validation');
    if (raw.stub === true) {
      parsed[name] = { kind: 'stub', ...(typeof raw.digest === 'string' ? { digest: raw.digest } : {}) };
      continue;
    }
    if (typeof raw.data !== 'string' || !BASE64.test(raw.data)) throw badRequest(`Invalid attachment data for ${name}`);
    parsed[name] = {
      kind: 'data',
      contentType: typeof raw.content_type === 'string' ? raw.content_type : 'application/octet-stream',
      data: Buffer.from(raw.data, 'base64'),
      ...(Number.isSafeInteger(raw.revpos) ? { revpos: raw.revpos as number } : {}),
    };
  }
  return parsed;
}

import type { DatabaseName } from '../schemas';

/**
 * How a console names a document in lists: ids composed from a request or card (see `documentIdOf`) read as
 * that protocol (a decision also by its number); other ids are already readable.
 */
export function documentLabel(db: DatabaseName, id: string): string {
  const parts = id.split(':');
  const [subject] = parts;
  if (!subject || parts.length < 2) return id;
  if (db === 'decisions') return `${subject} · decisão ${Number(parts[1])}`;
  if (db === 'notes' || db === 'card_events') return subject;
  return id;
}

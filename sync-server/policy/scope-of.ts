import type { DocumentBody } from './access-policy';
import {
  accessScopeTag,
  CARD_NOTE_TAG,
  cardTag,
  officerTag,
  postTag,
  PUBLIC_TAG,
  requestTag,
  secretUnitTag,
  unitTag,
  userTag,
} from './scope-tags';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const field = (body: DocumentBody, key: string): string | undefined => text(body[key]);
const tags = (...candidates: (string | undefined)[]): string[] => candidates.filter((tag): tag is string => tag !== undefined);
const tagged = (make: (value: string) => string, value: string | undefined): string | undefined =>
  value === undefined ? undefined : make(value);

/** The scope tags of a (validated) body; unknown databases get none, so only server admins read them. */
export function scopeOf(db: string, _id: string, body: DocumentBody): string[] {
  const unit = field(body, 'unitId');
  const post = field(body, 'postId');
  switch (db) {
    case 'requests':
      // A secret request leaves the unit's shared scope entirely.
      return body.secret === true
        ? tags(tagged(secretUnitTag, unit), tagged(requestTag, field(body, 'protocol')))
        : tags(tagged(unitTag, unit));
    case 'claims':
    case 'decisions':
      return tags(tagged(unitTag, unit), tagged(officerTag, field(body, 'officerId')), tagged(requestTag, field(body, 'requestId')));
    case 'notes': {
      const subject = (body.subject ?? {}) as DocumentBody;
      return subject.kind === 'card'
        ? tags(tagged(postTag, field(subject, 'postId')), CARD_NOTE_TAG)
        : tags(tagged(unitTag, field(subject, 'unitId')));
    }
    case 'reds_ledger':
    case 'reds_leases':
      return tags(tagged(unitTag, unit), tagged(userTag, field(body, 'userId')));
    case 'cards':
      return tags(tagged(postTag, post));
    case 'card_events':
      return tags(tagged(postTag, post), tagged(cardTag, field(body, 'protocol')));
    case 'access_log':
      return tags(tagged(accessScopeTag, field(body, 'scopeId')));
    case 'reference':
    case 'notices':
      return [PUBLIC_TAG];
    default:
      return [];
  }
}

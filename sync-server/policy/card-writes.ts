import { CARD_ROLES, checkCardEvent, deriveCardStage } from '../../shared/rules';
import { type CardProcess, CardProcessSchema, type CardStage, type CardStageEvent, CardStageEventSchema } from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import type { ScopeLookup } from './access-policy';
import { REASONS } from './reasons';
import { inPost } from './scope-checks';
import { cardTag } from './scope-tags';
import { ALLOWED, firstRefusal, refuse, when, type WriteRule } from './write-context';

/** A card process belongs to one post for good: only that post's staff create and update it. */
export const cardProcessWrite: WriteRule<'card_process'> = ({ principal, doc, current }) =>
  when(!inPost(principal, doc.postId) || (current !== null && current.postId !== doc.postId), REASONS.cardOtherPost);

/**
 * The stage a pendência interrupted, when the card is in one: moves out of it depend on it. Concurrent moves
 * of two offline clerks are both kept, so the event's `from` is not compared with the derived stage.
 */
async function pendingOrigin(card: CardProcess, event: CardStageEvent, storage: ScopeLookup): Promise<CardStage | undefined> {
  if (event.from !== 'pending_issue') return undefined;
  const ids = await storage.idsWithScope('card_events', cardTag(card.protocol));
  const events = (await Promise.all(ids.map((id) => storage.getBody('card_events', id)))).flatMap((body) => {
    const parsed = CardStageEventSchema.safeParse(body);
    return parsed.success ? [parsed.data] : [];
  });
  return deriveCardStage(card, events).pendingFrom;
}

/** Server admins move cards as a supervisor would; everyone else with their own card role. */
const cardRole = (principal: Principal) => (principal.serverAdmin ? 'supervisor' : principal.roles.find((role) => CARD_ROLES.includes(role)));

/** Stage events are append-only, signed by the clerk, at the card's own post, and follow the shared stage rules. */
export const cardEventWrite: WriteRule<'card_event'> = ({ principal, doc, current, storage }) =>
  firstRefusal(
    () => when(current !== null, REASONS.cardEventImmutable),
    () => when(doc.byUserId !== principal.name, REASONS.cardEventAsOther),
    () => when(!inPost(principal, doc.postId), REASONS.otherPost),
    async () => {
      const card = CardProcessSchema.safeParse(await storage.getBody('cards', doc.protocol));
      if (!card.success || card.data.postId !== doc.postId) return refuse(REASONS.cardNotFound);
      const role = cardRole(principal);
      if (!role) return refuse(REASONS.roleCannotWrite);
      const check = checkCardEvent(doc, { card: card.data, role, pendingFrom: await pendingOrigin(card.data, doc, storage) });
      return check.ok ? ALLOWED : refuse(check.error);
    },
  );

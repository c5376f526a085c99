import { CardProcessSchema } from '../../shared/schemas';
import { cardMoveRefusal } from './card-transitions';
import { REASONS } from './reasons';
import { inPost } from './scope-checks';
import { ALLOWED, firstRefusal, refuse, when, type WriteRule } from './write-context';

/** A card process belongs to one post for good: only that post's staff create and update it. */
export const cardProcessWrite: WriteRule<'card_process'> = ({ principal, doc, current }) =>
  when(!inPost(principal, doc.postId) || (current !== null && current.postId !== doc.postId), REASONS.cardOtherPost);

/** Stage events are append-only, signed by the clerk, at the card's own post, and follow the stage rules. */
export const cardEventWrite: WriteRule<'card_event'> = ({ principal, doc, current, storage }) =>
  firstRefusal(
    () => when(current !== null, REASONS.cardEventImmutable),
    () => when(doc.byUserId !== principal.name, REASONS.cardEventAsOther),
    () => when(!inPost(principal, doc.postId), REASONS.otherPost),
    async () => {
      const card = CardProcessSchema.safeParse(await storage.getBody('cards', doc.protocol));
      return when(!card.success || card.data.postId !== doc.postId, REASONS.cardNotFound);
    },
    () => {
      const refusal = cardMoveRefusal(doc);
      return refusal ? refuse(refusal) : ALLOWED;
    },
  );

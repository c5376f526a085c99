import type { CardProcess } from '../../schemas';

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** What a card is found by on the board: protocol, CPF and holder's names, folded once per card. */
export function cardSearchKey(card: Pick<CardProcess, 'protocol' | 'holder'>): string {
  return fold([card.protocol, card.holder.cpf, card.holder.fullName, card.holder.socialName ?? ''].join(' '));
}

/**
 * Protocol, CPF (with or without punctuation) or part of a name; every word must match. The query is folded
 * once, then each card costs only substring tests: the board runs it over tens of thousands of keys per keystroke.
 */
export function cardSearchMatcher(query: string): (key: string) => boolean {
  const alternatives = fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const digits = word.replace(/[.\-/]/g, '');
      return /^\d+$/.test(digits) && digits !== word ? [word, digits] : [word];
    });
  return (key) => alternatives.every((words) => words.some((word) => key.includes(word)));
}

export type CardLookupQuery = { protocol: string } | { cpf: string; birthDate: string };

/** Service desk: the card of a protocol, or every card of a holder (CPF and birth date must both match). */
export function lookupCards<T extends Pick<CardProcess, 'protocol' | 'holder'>>(cards: Iterable<T>, query: CardLookupQuery): T[] {
  const found: T[] = [];
  for (const card of cards) {
    const hit =
      'protocol' in query
        ? card.protocol === query.protocol.trim().toUpperCase()
        : card.holder.cpf === query.cpf.replace(/\D/g, '') && card.holder.birthDate === query.birthDate;
    if (hit) found.push(card);
  }
  return found;
}

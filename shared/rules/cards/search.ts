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

/** Protocol, CPF (with or without punctuation) or part of a name; every word must match. */
export function matchesCardSearch(key: string, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return words.every((word) => {
    const digits = word.replace(/[.\-/]/g, '');
    return key.includes(word) || (/^\d+$/.test(digits) && key.includes(digits));
  });
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

export { CardsWorkspace } from './CardsWorkspace';
export { CardLookup } from './CardLookup';

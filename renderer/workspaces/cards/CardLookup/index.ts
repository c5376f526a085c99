export { CardLookup } from './CardLookup';

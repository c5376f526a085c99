export { CardsWorkspace } from './CardsWorkspace';

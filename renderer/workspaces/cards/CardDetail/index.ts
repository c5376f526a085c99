export { CardDetail } from './CardDetail';

export { UnmaskModal } from './UnmaskModal';

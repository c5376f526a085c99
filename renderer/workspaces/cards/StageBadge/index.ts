export { AgingBadge, ConflictBadge, StageBadge } from './StageBadge';

export { PickupOverdue } from './PickupOverdue';

/**
 * Channel names only, free of zod, so the sandboxed preload can allow-list them without bundling the schemas.
 * `contract.test.ts` checks these lists match the contract's keys.
 */
export const IPC_API_KEY = 'plantao';

export const INVOKE_CHANNELS = [
  'credential:save',
  'credential:load',
  'credential:clear',
  'print:current',
  'pdf:export',
  'external:open',
  'app:info',
  'idle:activity',
] as const;

export const EVENT_CHANNELS = ['session:locked', 'menu:command'] as const;

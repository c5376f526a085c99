import { describe, expect, it } from 'vitest';
import { deriveStoreKey, randomSalt, storeNameOf } from './store-key';

describe('store key', () => {
  it('is deterministic per password and salt, and differs when either changes', async () => {
    const key = await deriveStoreKey('senha-forte', 'sal-1', 1_000);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await deriveStoreKey('senha-forte', 'sal-1', 1_000)).toBe(key);
    expect(await deriveStoreKey('senha-forte', 'sal-2', 1_000)).not.toBe(key);
    expect(await deriveStoreKey('outra-senha', 'sal-1', 1_000)).not.toBe(key);
  });

  it('salts are random', () => {
    expect(randomSalt()).not.toBe(randomSalt());
  });

  it('names one store per server and user, within RxDB naming rules', async () => {
    const a = await storeNameOf('https://sync.example', 'joao.silva', 2);
    expect(a).toMatch(/^plantao-f2-[0-9a-f]{12}-joao_silva$/);
    expect(await storeNameOf('https://other.example', 'joao.silva', 2)).not.toBe(a);
    // A new store format is a new store: the old one stays on disk with whatever it holds.
    expect(await storeNameOf('https://sync.example', 'joao.silva', 3)).not.toBe(a);
  });
});

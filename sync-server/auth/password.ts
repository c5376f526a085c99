import { hash, verify } from '@node-rs/argon2';

/** argon2id cost. Production uses OWASP's first recommended setting; tests pass a cheap one. */
export interface Argon2Cost {
  /** KiB of memory per hash. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1. */
export const OWASP_ARGON2: Argon2Cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the same work as a real verification, so an unknown name answers as slowly as a wrong password. */
  verifyNobody(password: string): Promise<false>;
}

// Algorithm.Argon2id is an ambient const enum, which isolatedModules cannot read.
const ARGON2ID = 2;

export function createPasswordHasher(cost: Argon2Cost = OWASP_ARGON2): PasswordHasher {
  const options = { ...cost, algorithm: ARGON2ID };
  let decoy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    verify: async (passwordHash, password) => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false; // a malformed stored hash never authenticates
      }
    },
    verifyNobody: async (password) => {
      decoy ??= hash('decoy password that matches nobody', options);
      await verify(await decoy, password);
      return false;
    },
  };
}

import { z } from 'zod';

/** zod's e-mail pattern: the common shapes people type, not every address RFC 5322 allows. */
const EmailSchema = z.email().max(254);

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function isValidEmail(input: string): boolean {
  return EmailSchema.safeParse(normalizeEmail(input)).success;
}

import { describe, expect, it } from 'vitest';
import { isValidEmail, normalizeEmail } from './email';

describe('e-mail', () => {
  it('accepts the addresses citizens use', () => {
    for (const email of ['maria.silva@gmail.com', 'joao+bo@pc.mg.gov.br', 'ANA_2@Empresa.COM.BR', '  jose@uol.com.br ']) {
      expect(isValidEmail(email)).toBe(true);
    }
  });

  it('refuses what cannot receive mail', () => {
    for (const email of ['', 'maria', 'maria@', '@gmail.com', 'maria@gmail', 'maria silva@gmail.com', 'maria..silva@gmail.com', 'maria@@gmail.com', `${'a'.repeat(250)}@x.com`]) {
      expect(isValidEmail(email)).toBe(false);
    }
  });

  it('normalizes case and surrounding spaces', () => {
    expect(normalizeEmail(' Maria@Gmail.COM ')).toBe('maria@gmail.com');
  });
});

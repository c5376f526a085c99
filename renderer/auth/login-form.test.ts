import { describe, expect, it } from 'vitest';
import { validateLoginForm } from './login-form';

describe('validateLoginForm', () => {
  it('says in pt-BR what is wrong in each field', () => {
    const result = validateLoginForm({ server: 'ftp://x', name: 'João Silva', password: '' });
    expect(result).toEqual({
      ok: false,
      errors: {
        server: 'Endereço inválido: use http:// ou https://.',
        name: 'Usuário inválido: use letras minúsculas, números, ponto, hífen ou sublinhado.',
        password: 'Informe a senha.',
      },
    });
  });

  it('asks for empty fields', () => {
    const result = validateLoginForm({ server: ' ', name: '', password: 'x' });
    expect(result).toMatchObject({ ok: false, errors: { server: 'Informe o endereço do servidor.', name: 'Informe o usuário.' } });
  });

  it('accepts a valid login, trimmed', () => {
    expect(validateLoginForm({ server: ' http://127.0.0.1:5984 ', name: ' joao.silva ', password: 'segredo' })).toEqual({
      ok: true,
      value: { server: 'http://127.0.0.1:5984', name: 'joao.silva', password: 'segredo' },
    });
  });
});

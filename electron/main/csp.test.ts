import { describe, expect, it } from 'vitest';
import { withContentSecurityPolicy } from './csp';

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the app page came with, whatever the header case', () => {
    const headers = withContentSecurityPolicy(
      'app://plantao/index.html',
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
      'app://plantao',
      "default-src 'self'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('leaves responses from other origins (the sync server) untouched', () => {
    const original = { 'Content-Type': ['application/json'] };
    expect(withContentSecurityPolicy('https://sync.example/db/_changes', original, 'app://plantao', "default-src 'self'")).toEqual(original);
  });
});

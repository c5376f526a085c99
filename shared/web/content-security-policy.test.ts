import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './content-security-policy';

const directivesOf = (policy: string) =>
  new Map(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name, sources] as const;
    }),
  );

describe('buildContentSecurityPolicy', () => {
  const policy = buildContentSecurityPolicy({ syncServerOrigin: 'https://sync.pc.mg.gov.br', dev: false });

  it('sets every directive of the strict policy', () => {
    expect(Object.fromEntries(directivesOf(policy))).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'connect-src': ["'self'", 'https://sync.pc.mg.gov.br'],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('for a console served by the sync server itself connects to its own origin only', () => {
    expect(directivesOf(buildContentSecurityPolicy({ dev: false })).get('connect-src')).toEqual(["'self'"]);
  });

  it('never allows eval, in production or development', () => {
    expect(policy).not.toContain('unsafe-eval');
    expect(buildContentSecurityPolicy({ syncServerOrigin: 'http://127.0.0.1:5984', dev: true })).not.toContain('unsafe-eval');
  });

  it('in development allows the Vite preamble and HMR socket, and nothing else more', () => {
    const dev = directivesOf(buildContentSecurityPolicy({ syncServerOrigin: 'http://127.0.0.1:5984', dev: true }));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:5984', 'ws://localhost:*', 'ws://127.0.0.1:*']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
  });

  it('refuses an origin that is not a bare http(s) origin, so configuration cannot inject directives', () => {
    for (const bad of ['https://sync.example/; script-src *', 'https://sync.example/path', 'javascript:alert(1)', 'ftp://x.example', '*', '']) {
      expect(() => buildContentSecurityPolicy({ syncServerOrigin: bad, dev: false }), bad).toThrow(/Origem do servidor/);
    }
  });
});

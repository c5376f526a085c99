import type { z } from 'zod';
import { CouchErrorSchema } from '../../shared/schemas';
import { classifyHttpFailure, type RequestFailure } from './push-result';

/** A request that did not get a usable answer. `network`: the server could not be reached at all. */
export class ServerRequestError extends Error {
  constructor(
    readonly kind: RequestFailure | 'network',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ServerRequestError';
  }
}

export type RequestOutcome = { ok: true } | { ok: false; error: ServerRequestError };

/**
 * HTTP to the sync server with the session cookie. Every answer is parsed with its shared zod schema;
 * every outcome is reported so the shell can tell online from offline truthfully.
 */
export class ServerClient {
  private readonly listeners = new Set<(outcome: RequestOutcome) => void>();

  constructor(readonly baseUrl: string) {}

  onOutcome(listener: (outcome: RequestOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at the next request that reaches the server. */
  nextSuccess(): Promise<void> {
    return new Promise((resolve) => {
      const off = this.onOutcome((outcome) => {
        if (!outcome.ok) return;
        off();
        resolve();
      });
    });
  }

  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`).toString();
  }

  async request<T extends z.ZodType>(path: string, schema: T, init: RequestInit & { json?: unknown } = {}): Promise<z.infer<T>> {
    const { json, ...rest } = init;
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        ...rest,
        credentials: 'include',
        headers: { accept: 'application/json', ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...rest.headers },
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
    } catch (cause) {
      if (rest.signal?.aborted) throw cause;
      return this.fail(new ServerRequestError('network', 'Sem conexão com o servidor.'));
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const couchError = CouchErrorSchema.safeParse(body);
      const reason = couchError.success ? (couchError.data.reason ?? couchError.data.error) : `HTTP ${response.status}`;
      return this.fail(new ServerRequestError(classifyHttpFailure(response.status), reason, response.status));
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return this.fail(new ServerRequestError('retry', `Resposta inesperada do servidor em ${path}.`, response.status));
    this.emit({ ok: true });
    return parsed.data;
  }

  private fail(error: ServerRequestError): never {
    this.emit({ ok: false, error });
    throw error;
  }

  private emit(outcome: RequestOutcome) {
    for (const listener of this.listeners) listener(outcome);
  }
}

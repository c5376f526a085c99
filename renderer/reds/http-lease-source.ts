import { RedsErrorSchema, RedsLeasesPageSchema } from '../../shared/reds';
import { RedsLeaseSchema } from '../../shared/schemas';
import type { LeaseSource } from './ports';

export interface HttpLeaseSourceOptions {
  /** The sync server's address, e.g. `http://127.0.0.1:5984`. */
  baseUrl: string;
  workstationId: string;
  /** Extra headers (the console relies on its session cookie; tools may send Basic credentials). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** Raised with the server's pt-BR reason, or a generic one when the server cannot be reached. */
export class LeaseSourceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'LeaseSourceError';
  }
}

/** The pool's `LeaseSource` over `POST /_reds/leases` and `POST /_reds/leases/{id}/return`. */
export function httpLeaseSource(options: HttpLeaseSourceOptions): LeaseSource {
  const call = async (path: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(new URL(path, options.baseUrl), {
        method: body === undefined ? 'GET' : 'POST',
        credentials: 'include',
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new LeaseSourceError('Sem conexão com o servidor.', null);
    }
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = RedsErrorSchema.safeParse(payload);
      throw new LeaseSourceError(error.success ? error.data.reason : `O servidor respondeu ${response.status}.`, response.status);
    }
    return payload;
  };
  return {
    requestLease: async (size) => RedsLeaseSchema.parse(await call('/_reds/leases', { workstationId: options.workstationId, size })),
    returnLease: async (leaseId, fromSequence) =>
      RedsLeaseSchema.parse(await call(`/_reds/leases/${encodeURIComponent(leaseId)}/return`, { fromSequence })),
    leasesOnServer: async () => {
      const page = RedsLeasesPageSchema.parse(await call('/reds_leases/_all_docs?include_docs=true'));
      return page.rows.flatMap((row) => (row.doc ? [row.doc] : []));
    },
  };
}

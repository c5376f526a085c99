/** An error the HTTP layer turns into a CouchDB-style JSON reply: `{ error, reason }` with `statusCode`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    /** pt-BR, readable by a clerk: the console shows it as is. */
    readonly reason: string,
    /** Extra response headers (e.g. `Retry-After` on 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(`${statusCode} ${error}: ${reason}`);
    this.name = 'HttpError';
  }

  toJSON(): { error: string; reason: string } {
    return { error: this.error, reason: this.reason };
  }
}

export const unauthorized = (reason = 'Nome ou senha incorretos.'): HttpError => new HttpError(401, 'unauthorized', reason);
export const forbidden = (reason: string): HttpError => new HttpError(403, 'forbidden', reason);

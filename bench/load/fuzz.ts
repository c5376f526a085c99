import { connect } from 'node:net';

/** What came back for the malformed requests. */
export interface FuzzTally {
  sent: number;
  /** 4xx with a JSON `{error, reason}` body (or the HTTP parser's own 400 for a broken request line). */
  clean4xx: number;
  /** 4xx whose body is not CouchDB's `{error, reason}`. */
  bare4xx: number;
  other: Record<string, number>;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const BAD_IDS = ['_bogus', '_design', '%00', '%ZZ', '_local', '%F0%28%8C%BC', '_changes%2Fx'];
// Each one is wrong for its endpoint: a value of a known parameter, or a body, that the server must refuse.
const BAD_CHANGES_QUERIES = ['since=abc', 'since=-5', 'since=1%00', 'limit=-1', 'limit=x', 'feed=bogus', 'timeout=abc', 'heartbeat=-1', 'filter=_bogus', 'style=weird'];
const BAD_ALL_DOCS_QUERIES = ['limit=-1', 'limit=x', 'skip=-3', 'keys=[1', 'startkey=%7B', 'endkey=nope', 'descending=2', 'include_docs=maybe'];
const BROKEN_JSON = ['{', '{"docs":', '[1,2', '\u0000\u0001', '{"a":', `{"a":${'['.repeat(2000)}`, 'tru', '{"docs": [}'];
const WRONG_BODIES: Record<string, string[]> = {
  _bulk_docs: ['{"docs": 5}', '"just a string"', 'null', '{"docs": [{"_id": 5}]}', '{"docs": [{"_id": "x", "_rev": "not-a-rev"}]}', '{"new_edits": "yes", "docs": []}'],
  _all_docs: ['{"keys": "nope"}', '{"keys": [1, 2]}', '[]'],
  _revs_diff: ['[1]', '{"a": 5}', '"x"'],
  _bulk_get: ['{"docs": 5}', '{"docs": [5]}', '[]'],
};
const NOT_OBJECTS = ['{', '[1,2', '"a string"', 'null', '42', '\u0000', '{"a":'];

/** One malformed HTTP request: a broken body, ID, query string or header against a real path. */
function malformed(random: () => number, db: string): { method: string; path: string; headers: Record<string, string>; body?: string } {
  const kind = Math.floor(random() * 4);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (kind === 0) {
    const endpoint = pick(random, Object.keys(WRONG_BODIES));
    return { method: 'POST', path: `/${db}/${endpoint}`, headers, body: pick(random, random() < 0.5 ? BROKEN_JSON : WRONG_BODIES[endpoint]!) };
  }
  if (kind === 1) {
    const method = pick(random, ['GET', 'PUT', 'DELETE']);
    return { method, path: `/${db}/${pick(random, BAD_IDS)}${random() < 0.5 ? '?rev=zz' : ''}`, headers, ...(method === 'PUT' ? { body: pick(random, NOT_OBJECTS) } : {}) };
  }
  if (kind === 2) {
    return random() < 0.5
      ? { method: 'GET', path: `/${db}/_changes?${pick(random, BAD_CHANGES_QUERIES)}`, headers }
      : { method: 'GET', path: `/${db}/_all_docs?${pick(random, BAD_ALL_DOCS_QUERIES)}`, headers };
  }
  const bad = pick<Record<string, string>>(random, [
    { 'content-type': 'text/plain' },
    { 'content-type': 'application/json', authorization: 'Basic !!!notbase64' },
    { 'content-type': 'application/json', authorization: 'Bearer garbage' },
    { 'content-type': 'application/json', cookie: 'AuthSession=forged' },
  ]);
  return { method: 'PUT', path: `/${db}/fuzz-${Math.floor(random() * 1e6)}`, headers: bad, body: pick(random, NOT_OBJECTS) };
}

/** A raw request whose request line or headers no HTTP client would send. */
function rawGarbage(random: () => number): string {
  return pick(random, [
    'GARBAGE\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  ]);
}

function sendRaw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(reply));
    socket.on('connect', () => socket.end(text));
  });
}

/** Sends `count` malformed requests (a tenth of them raw garbage), `concurrency` at a time, as the admin or anonymously. */
export async function fuzz(url: string, auth: string, count: number, random: () => number, concurrency = 16): Promise<FuzzTally> {
  const tally: FuzzTally = { sent: 0, clean4xx: 0, bare4xx: 0, other: {} };
  const note = (key: string) => (tally.other[key] = (tally.other[key] ?? 0) + 1);
  const port = Number(new URL(url).port);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      tally.sent += 1;
      if (random() < 0.1) {
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(await sendRaw(port, rawGarbage(random)))?.[1];
        if (status?.startsWith('4')) tally.clean4xx += 1;
        else note(status ?? 'raw: closed without a reply');
        continue;
      }
      const request = malformed(random, 'fuzz');
      if (random() < 0.7 && !request.headers.authorization && !request.headers.cookie) request.headers.authorization = auth;
      try {
        const response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) });
        const text = await response.text();
        let json = false;
        try {
          const parsed = JSON.parse(text) as { error?: unknown; reason?: unknown };
          json = typeof parsed.error === 'string' && typeof parsed.reason === 'string';
        } catch {
          json = false;
        }
        if (response.status >= 400 && response.status < 500 && json) tally.clean4xx += 1;
        else if (response.status >= 400 && response.status < 500) {
          tally.bare4xx += 1;
          note(`${response.status} (not JSON {error, reason}) ${request.method} ${request.path.slice(0, 40)}`);
        } else note(`${response.status}${json ? '' : ' (not JSON {error, reason})'} ${request.method} ${request.path.slice(0, 40)}`);
      } catch (error) {
        note(`network: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return tally;
}

/** A console's HTTP session: its cookie, and a switch that makes every call fail as if the cable were out. */
export class SimHttp {
  offline = false;
  private cookie = '';
  /** Probability that a reply is lost after the server acted on the request. */
  lostReplyRate = 0;

  constructor(
    readonly baseUrl: string,
    private readonly random: () => number,
  ) {}

  async login(name: string, password: string): Promise<void> {
    const response = await fetch(new URL('/_session', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    const cookie = response.headers.get('set-cookie');
    if (!response.ok || !cookie) throw new Error(`login of ${name} failed: ${response.status}`);
    this.cookie = cookie.split(';', 1)[0] ?? '';
  }

  /** `fetch` with the session cookie; rejects when offline, on network errors, and on a simulated lost reply. */
  readonly fetch: typeof fetch = async (input, init) => {
    if (this.offline) throw new TypeError('fetch failed: offline');
    const response = await fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string> | undefined), cookie: this.cookie },
      signal: AbortSignal.timeout(30_000),
    });
    if (this.random() < this.lostReplyRate) {
      await response.body?.cancel();
      throw new TypeError('fetch failed: reply lost');
    }
    return response;
  };

  async json(path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await this.fetch(new URL(path, this.baseUrl), {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }
}

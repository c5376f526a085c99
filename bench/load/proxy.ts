import { createServer, type Server, type Socket, connect } from 'node:net';

export interface FaultPlan {
  /** Per new connection: chance it is reset (RST) after a random 0–2 s. */
  resetRate: number;
  /** Per new connection: chance it is cut cleanly (FIN) after a random 0–2 s. */
  cutRate: number;
  /** Per chunk: chance it is held back 50–500 ms (order kept). */
  delayRate: number;
}

export const NO_FAULTS: FaultPlan = { resetRate: 0, cutRate: 0, delayRate: 0 };

/**
 * A loopback TCP proxy in front of one or more servers: connections go round-robin to the targets that accept
 * them (a load balancer), and are cut, delayed or reset as the current plan says.
 */
export class FaultProxy {
  private server: Server | null = null;
  private next = 0;
  readonly sockets = new Set<Socket>();
  plan: FaultPlan = NO_FAULTS;
  faults = { resets: 0, cuts: 0, delays: 0 };

  constructor(
    private readonly targets: () => number[],
    private readonly random: () => number,
  ) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  private accept(client: Socket): void {
    client.pause();
    this.sockets.add(client);
    client.once('error', () => client.destroy());
    client.once('close', () => this.sockets.delete(client));
    void this.connectUpstream().then((upstream) => {
      if (!upstream || client.destroyed) {
        upstream?.destroy();
        client.destroy();
        return;
      }
      this.sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      this.pipe(client, upstream);
      this.pipe(upstream, client);
      client.resume();
      const roll = this.random();
      const after = this.random() * 2000;
      if (roll < this.plan.resetRate) {
        setTimeout(() => {
          this.faults.resets += 1;
          client.resetAndDestroy();
          upstream.destroy();
        }, after).unref();
      } else if (roll < this.plan.resetRate + this.plan.cutRate) {
        setTimeout(() => {
          this.faults.cuts += 1;
          client.end();
          upstream.end();
        }, after).unref();
      }
    });
  }

  /** The next target that accepts a connection (a dead backend is skipped), or null. */
  private async connectUpstream(): Promise<Socket | null> {
    const ports = this.targets();
    for (let attempt = 0; attempt < ports.length; attempt += 1) {
      const port = ports[this.next++ % ports.length]!;
      const socket = await new Promise<Socket | null>((resolve) => {
        const upstream = connect(port, '127.0.0.1');
        upstream.once('connect', () => resolve(upstream));
        upstream.once('error', () => resolve(null));
      });
      if (socket) return socket;
    }
    return null;
  }

  /** Forwards chunks in order, some held back a while. */
  private pipe(from: Socket, to: Socket): void {
    let queue = Promise.resolve();
    from.on('data', (chunk) => {
      const delay = this.random() < this.plan.delayRate ? 50 + this.random() * 450 : 0;
      if (delay > 0) this.faults.delays += 1;
      queue = queue.then(async () => {
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.on('end', () => void queue.then(() => to.end()));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

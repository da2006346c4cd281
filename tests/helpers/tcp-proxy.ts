import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
  toUpstream: Buffer[];
  toClient: Buffer[];
}

/**
 * A TCP proxy a test puts between the app and PostgreSQL, to take the database away without
 * touching the server: `cut` closes every connection and refuses new ones, `stall` keeps them
 * open but lets nothing through (a hung network), `restore` brings the link back.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private pairs = new Set<Pair>();
  private stalled = false;

  constructor(
    readonly listenPort: number,
    private readonly target: { host: string; port: number },
  ) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client, upstream: null, toUpstream: [], toClient: [] };
    this.pairs.add(pair);
    client.on('data', (chunk) => this.forward(pair, 'up', chunk));
    client.on('error', () => this.drop(pair));
    client.on('close', () => this.drop(pair));
    if (!this.stalled) this.connectUpstream(pair);
  }

  private connectUpstream(pair: Pair): void {
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('data', (chunk) => this.forward(pair, 'down', chunk));
    upstream.on('error', () => this.drop(pair));
    upstream.on('close', () => this.drop(pair));
    upstream.on('connect', () => this.flush(pair));
  }

  private forward(pair: Pair, direction: 'up' | 'down', chunk: Buffer): void {
    (direction === 'up' ? pair.toUpstream : pair.toClient).push(chunk);
    if (!this.stalled) this.flush(pair);
  }

  private flush(pair: Pair): void {
    if (pair.upstream?.readyState === 'open') {
      for (const chunk of pair.toUpstream.splice(0)) pair.upstream.write(chunk);
    }
    for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  }

  /** Closes every connection and stops listening: new connections are refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const pair of [...this.pairs]) this.drop(pair);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Connections stay open (new ones are accepted) but no byte passes in either direction. */
  stall(): void {
    this.stalled = true;
  }

  /** Ends a stall (what was held back is delivered) or listens again after a cut. */
  async restore(): Promise<void> {
    this.stalled = false;
    for (const pair of this.pairs) {
      if (pair.upstream) this.flush(pair);
      else this.connectUpstream(pair);
    }
    if (!this.server) await this.start();
  }

  async stop(): Promise<void> {
    this.stalled = false;
    await this.cut();
  }
}

/**
 * A public host for tests that have no internet: while installed, HTTPS connections to the given
 * host name go, unencrypted, to a local port instead, as if DNS had said the name is a public
 * address. Every other host goes through Node's normal connection path, so the SSRF guard's own
 * DNS check (its `lookup`) still runs for them, and an IP literal is still refused before any
 * connection. That lets a test play "a public did:web host that redirects to 169.254.169.254".
 */
import https from 'node:https';
import { createConnection, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

class RoutingAgent extends https.Agent {
  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    super({ keepAlive: false });
  }

  // Node's Agent types createConnection loosely; the options carry the host being connected to.
  override createConnection(options: { host?: string | null }, callback: (err: Error | null, stream: Duplex) => void): Duplex {
    if (options.host === this.host) return createConnection({ host: '127.0.0.1', port: this.port });
    return (https.Agent.prototype.createConnection as (this: https.Agent, o: unknown, cb: unknown) => Socket).call(this, options, callback);
  }
}

/** Routes HTTPS for `host` to `127.0.0.1:port` until the returned function is called. */
export function simulatePublicHost(host: string, port: number): () => void {
  const saved = https.globalAgent;
  https.globalAgent = new RoutingAgent(host, port);
  return () => {
    https.globalAgent.destroy();
    https.globalAgent = saved;
  };
}

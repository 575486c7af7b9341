/**
 * The console's HTTP server: Node's, with timeouts that cut off a stalled client, and a drain
 * for shutdown that lets keep-alive connections end cleanly.
 *
 * Timeouts: Node checks them on an interval (30 s by default, which let a stalled upload hold
 * its connection far past any limit); here at least once a second. A request not received
 * whole within REQUEST_TIMEOUT_MS, or whose headers take longer than HEADERS_TIMEOUT_MS, is
 * answered 408 and its connection closed.
 *
 * Draining: every response from then on says `Connection: close` (so no client sends another
 * request on that connection, to find it gone), a connection is ended once its response is
 * sent, and idle ones are ended at once: a FIN, where destroying one the client had just sent
 * a request on would reset it.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpServerTimeouts {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}

export interface DrainableServer {
  server: Server;
  /** Stops accepting connections; resolves once every connection has closed. */
  drain(): Promise<void>;
}

/** How long an ended connection may linger (the client not closing its side) before it is destroyed. */
const LINGER_MS = 2_000;

export function createDrainableServer(listener: RequestListener, timeouts: HttpServerTimeouts): DrainableServer {
  const connections = new Set<Socket>();
  /** The response each busy connection is writing. */
  const inFlight = new Map<Socket, ServerResponse>();
  /** Connections that have had a request: between requests, they are idle keep-alive ones. */
  const used = new WeakSet<Socket>();
  let draining = false;

  const endGracefully = (socket: Socket) => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };

  const server = createServer(
    {
      requestTimeout: timeouts.requestTimeoutMs,
      headersTimeout: timeouts.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersTimeoutMs / 2),
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const { socket } = req;
      used.add(socket);
      inFlight.set(socket, res);
      res.once('close', () => {
        if (inFlight.get(socket) === res) inFlight.delete(socket);
        if (draining && !socket.destroyed) endGracefully(socket);
      });
      if (draining) res.setHeader('connection', 'close');
      listener(req, res);
    },
  );
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });

  return {
    server,
    drain: () =>
      new Promise<void>((resolve) => {
        draining = true;
        for (const socket of connections) {
          const response = inFlight.get(socket);
          if (response) {
            if (!response.headersSent) response.setHeader('connection', 'close');
          } else if (used.has(socket)) {
            endGracefully(socket);
          } else {
            // Accepted, its first request not read yet: that request is answered (with
            // Connection: close); one that never comes is given up after the header timeout,
            // which Node stops checking once the server closes.
            setTimeout(() => {
              if (!used.has(socket)) socket.destroy();
            }, timeouts.headersTimeoutMs).unref();
          }
        }
        // Stops listening (new connections are refused) and calls back once all have closed.
        server.close(() => resolve());
      }),
  };
}

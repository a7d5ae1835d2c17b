/**
 * Serves a request listener (app/express-app.server.ts's `createApp`) the way
 * app/server.ts does, with `http.createServer`, on a free loopback port.
 */
import http, { type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Listening = { server: Server; base: string; port: number; close: () => Promise<void> };

export async function listen(listener: RequestListener): Promise<Listening> {
  const server = http.createServer(listener);
  // The server never closes an idle connection; the client (fetch) closes its
  // own. Otherwise a test that holds the event loop for longer than the
  // server's keep-alive timeout (compiling JSON-LD types, say) sends its next
  // request on a socket the server's timer closes the moment the loop is free,
  // and the request fails with ECONNRESET. close() ends every connection.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

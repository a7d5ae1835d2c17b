/**
 * Serves a request listener (app/express-app.server.ts's `createApp`) the way
 * app/server.ts does, with `http.createServer`, on a free loopback port.
 */
import http, { type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Listening = { server: Server; base: string; port: number; close: () => Promise<void> };

export async function listen(listener: RequestListener): Promise<Listening> {
  const server = http.createServer(listener);
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

/**
 * The yardstick for `npm run bench`: a plain node:http server that answers each
 * path with exactly the bytes and headers Atrium sent for it (read from the
 * JSON file named by argv[2]), doing nothing else. Atrium's requests per
 * second are reported as a ratio to this server's, measured in the same run
 * with the same connections.
 */
import fs from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const pages = new Map(
  Object.entries(JSON.parse(fs.readFileSync(file, "utf8"))).map(([path, page]) => [
    path,
    { headers: page.headers, body: Buffer.from(page.body, "base64") },
  ]),
);
http
  .createServer((req, res) => {
    const page = pages.get(req.url);
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...page.headers, "content-length": page.body.length });
    res.end(page.body);
  })
  .listen(Number(port), "127.0.0.1", () => process.send?.("ready"));

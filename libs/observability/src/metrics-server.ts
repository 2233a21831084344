import { createServer } from 'node:http';
import { registry } from './metrics';

/** Prometheus scrape endpoint on its own port, open to anyone who can reach that port. */
export function startMetricsServer(port: number, host: string) {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(port, host);
  return server;
}

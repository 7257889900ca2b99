import net from 'node:net';

/**
 * The benchmark's load client: `clients` keep-alive HTTP/1.1 connections, each sending one
 * request, reading the whole response (status line, headers, Content-Length body) and then
 * sending the next. Requests are written as ready-made bytes so the client spends as little
 * CPU as it can on this shared machine — the server still parses, authenticates, validates
 * and answers every request in full. `fetch` (undici) costs several times more per request.
 */

export type LoadResult = { ok: number; failed: number; rate: number; statuses: Record<number, number> };

export type RequestFactory = (client: number, i: number) => { method: string; path: string; headers: Record<string, string>; body?: string };

function encode(host: string, r: ReturnType<RequestFactory>): Buffer {
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  let head = `${r.method} ${r.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const [k, v] of Object.entries(r.headers)) head += `${k}: ${v}\r\n`;
  if (body) head += `content-length: ${body.length}\r\n`;
  head += '\r\n';
  return body ? Buffer.concat([Buffer.from(head), body]) : Buffer.from(head);
}

/** Read responses off one connection: calls `done(status)` once per complete response. */
function responseReader(done: (status: number) => void): (chunk: Buffer) => void {
  let buf: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      const status = Number(head.slice(9, 12));
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!m) throw new Error(`response without content-length: ${head}`);
      const total = end + 4 + Number(m[1]);
      if (buf.length < total) return;
      buf = buf.subarray(total);
      done(status);
    }
  };
}

/** Run the load for `seconds`; counts 2xx as ok. */
export async function runLoad(opts: { port: number; clients: number; seconds: number; request: RequestFactory; expect?: number }): Promise<LoadResult> {
  const host = `127.0.0.1:${opts.port}`;
  const statuses: Record<number, number> = {};
  let ok = 0;
  let failed = 0;
  const started = Date.now();
  const until = started + opts.seconds * 1000;
  await Promise.all(
    Array.from(
      { length: opts.clients },
      (_, c) =>
        new Promise<void>((resolve, reject) => {
          const socket = net.connect(opts.port, '127.0.0.1');
          socket.setNoDelay(true);
          let i = 0;
          const send = () => socket.write(encode(host, opts.request(c, i++)));
          socket.on('data', responseReader((status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status === (opts.expect ?? status) && status >= 200 && status < 300) ok++;
            else failed++;
            if (Date.now() < until) send();
            else socket.end(resolve);
          }));
          socket.once('error', reject);
          socket.once('connect', send);
        })
    )
  );
  return { ok, failed, rate: ok / ((Date.now() - started) / 1000), statuses };
}

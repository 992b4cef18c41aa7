import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface RawRequest {
  readonly port: number;
  readonly method?: string;
  readonly path: string;
  /** Sent exactly as given: lets a test forge Host, Origin and Content-Length like hostile software would. */
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
  /** Send the body with chunked encoding (no Content-Length), as a streaming client would. */
  readonly chunked?: boolean;
}

/** A plain HTTP/1.1 request to 127.0.0.1 with full control over headers (fetch forbids forging Host). */
export function rawRequest(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
    const headers: Record<string, string | number> = { Host: `127.0.0.1:${options.port}`, ...options.headers };
    if (body && !options.chunked && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = body.length;
    }
    const req = request(
      { host: '127.0.0.1', port: options.port, method: options.method ?? 'GET', path: options.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413) and stop reading before a large body is fully sent; that is expected.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (body && options.chunked) {
      const size = 64 * 1024;
      for (let offset = 0; offset < body.length; offset += size) req.write(body.subarray(offset, offset + size));
      req.end();
    } else {
      req.end(body);
    }
  });
}

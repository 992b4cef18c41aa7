import type { IncomingMessage } from 'node:http';
import { HttpRequestError } from './httpErrors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON body with a hard size cap, strict UTF-8 (invalid bytes are refused, not replaced) and
 * strict JSON. The cap is enforced while streaming, so a huge upload is cut off, not buffered.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpRequestError('E_UNSUPPORTED_MEDIA_TYPE');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new HttpRequestError('E_PAYLOAD_TOO_LARGE');

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume(); // drain without buffering so the response can still be written
      throw new HttpRequestError('E_PAYLOAD_TOO_LARGE');
    }
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpRequestError('E_BAD_ENCODING');
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpRequestError('E_BAD_JSON', `Malformed JSON: ${(error as Error).message}.`);
  }
}

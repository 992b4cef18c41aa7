import type { ServerResponse } from 'node:http';
import { ERROR_HINTS, type ErrorCode } from '../engine/errors.js';
import type { Result } from '../api/result.js';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  E_VALIDATION: 400,
  E_BAD_URL: 400,
  E_EMPTY_MESSAGE: 400,
  E_MESSAGE_TOO_LONG: 400,
  E_BAD_JSON: 400,
  E_BAD_ENCODING: 400,
  E_UNAUTHORIZED: 401,
  E_SUPERVISOR_REQUIRED: 403,
  E_BAD_PIN: 403,
  E_SECOND_FACTOR_REQUIRED: 403,
  E_SECOND_FACTOR_MISMATCH: 403,
  E_PATH_NOT_ALLOWED: 403,
  E_UNKNOWN_SUPERVISOR: 404,
  E_NO_SUPERVISOR: 409,
  E_NAME_CONFUSABLE: 409,
  E_ACTION_CLOSED: 409,
  E_PIN_LOCKED: 429,
  E_FORBIDDEN_ORIGIN: 403,
  E_NOT_FOUND: 404,
  E_UNKNOWN_METHOD: 404,
  E_CONFLICT: 409,
  E_ACTION_HELD: 409,
  E_VERIFICATION_INCOMPLETE: 409,
  E_PAYLOAD_TOO_LARGE: 413,
  E_UNSUPPORTED_MEDIA_TYPE: 415,
};

export function statusOf(result: Result<unknown>): number {
  return result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 500);
}

export function sendResult(res: ServerResponse, result: Result<unknown>, okStatus = 200): void {
  sendJson(res, result.ok ? okStatus : statusOf(result), result);
}

export function sendError(res: ServerResponse, code: ErrorCode, detail?: string): void {
  sendResult(res, { ok: false, error: { code, message: detail ? `${detail} ${ERROR_HINTS[code]}` : ERROR_HINTS[code] } });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(payload);
}

/** Thrown while reading a request; the router turns it into the matching error response. */
export class HttpRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${detail} ${ERROR_HINTS[code]}` : ERROR_HINTS[code]);
  }
}

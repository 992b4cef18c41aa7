/**
 * Every failure a user (or a connector) can cause has a code and a sentence that says what to do next.
 * The API returns these as `{ ok: false, error: { code, message } }`; the UI shows the message as is.
 */
export const ERROR_HINTS = {
  E_VALIDATION: 'The request was not valid; correct the fields named and try again.',
  E_UNKNOWN_METHOD: 'That operation does not exist in this version of Tandem; update the caller.',
  E_NOT_FOUND: 'That record does not exist (it may have been deleted); refresh and pick another.',
  E_EMPTY_MESSAGE: 'A message needs some text; type something before sending.',
  E_MESSAGE_TOO_LONG: 'Messages are limited to 20,000 characters; split the text into several messages.',
  E_PAYLOAD_TOO_LARGE: 'The request body is larger than 1 MB; send less data per request.',
  E_BAD_JSON: 'The request body is not valid JSON; send a JSON object with Content-Type: application/json.',
  E_BAD_ENCODING: 'The request body is not valid UTF-8; re-encode the text as UTF-8.',
  E_UNSUPPORTED_MEDIA_TYPE: 'Only JSON is accepted; set Content-Type: application/json.',
  E_UNAUTHORIZED: 'Missing or wrong API token; use the token Tandem printed when it started.',
  E_FORBIDDEN_ORIGIN: 'Requests must come from Tandem itself on 127.0.0.1 or localhost.',
  E_DB_NOT_SQLITE: 'The data file is not a Tandem database; move it aside or choose another data directory.',
  E_DB_NEWER: 'The database was written by a newer Tandem; install that version or choose another data directory.',
  E_DB_MIGRATION: 'Upgrading the database failed and was rolled back; your data is unchanged. Report this error.',
  E_CONFLICT: 'Someone changed this record at the same time; refresh and try again.',
  E_INTERNAL: 'Something went wrong inside Tandem; the error was logged. Try again, and report it if it repeats.',
} as const;

export type ErrorCode = keyof typeof ERROR_HINTS;

export const ERROR_CODES = Object.keys(ERROR_HINTS) as [ErrorCode, ...ErrorCode[]];

/** An error the engine expects: it carries a code the API maps onto a result, never a stack trace. */
export class TandemError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, detail?: string) {
    super(detail ? `${detail} ${ERROR_HINTS[code]}` : ERROR_HINTS[code]);
    this.code = code;
    this.name = 'TandemError';
  }
}

export function isTandemError(value: unknown): value is TandemError {
  return value instanceof TandemError;
}

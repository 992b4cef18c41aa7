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
  E_UNAUTHORIZED: 'Not signed in: open the sign-in link `tandem serve` printed (or run `tandem open` for a new one); connectors send the API token as Authorization: Bearer <token>.',
  E_PATH_NOT_ALLOWED: 'The app imports files by path only from folders allowed with `tandem import-folders add DIR`; upload the files instead, or import them with `tandem ingest`.',
  E_BAD_URL: 'The request URL could not be read (for example a broken %-escape); correct it and try again.',
  E_FORBIDDEN_ORIGIN: 'Requests must come from Tandem itself on 127.0.0.1 or localhost.',
  E_DB_NOT_SQLITE: 'The data file is not a Tandem database; move it aside or choose another data directory.',
  E_DB_NEWER: 'The database was written by a newer Tandem; install that version or choose another data directory.',
  E_DB_MIGRATION: 'Upgrading the database failed and was rolled back; your data is unchanged. Report this error.',
  E_DB_ENCRYPTED: 'This workspace is encrypted; start with TANDEM_DB_KEY or --key-file (on the desktop the key saved in the data folder is used), or choose another data directory. Nothing was changed.',
  E_DB_WRONG_KEY: 'The key does not open this workspace; check TANDEM_DB_KEY or the key file. Nothing was changed. A lost key cannot be recovered: restore a backup made with a key you still have.',
  E_DB_NOT_ENCRYPTED: 'A key was given but this workspace is not encrypted; start without TANDEM_DB_KEY or --key-file, or encrypt it first with `tandem encrypt --key-file FILE`. Nothing was changed.',
  E_DB_ALREADY_ENCRYPTED: 'This workspace is already encrypted; nothing was changed.',
  E_ENCRYPTION_FAILED: 'Converting the workspace failed and the database was left exactly as it was; run `tandem backup verify` on it, and report this error.',
  E_KEY_INVALID: 'The database key could not be used: it must be 64 hexadecimal characters (256 bits), in TANDEM_DB_KEY or in a key file only you can read (chmod 600). `tandem encrypt --new-key --key-file FILE` creates one.',
  E_CONFLICT: 'Someone changed this record at the same time; refresh and try again.',
  E_INTERNAL: 'Something went wrong inside Tandem; the error was logged. Try again, and report it if it repeats.',
  E_TAXONOMY_INVALID: 'The intent taxonomy was not saved and the current model stays in use; fix the intents named and save again.',
  E_ROUTER_TRAINING: 'Retraining the intent model failed, so the previous model is still in use; check the examples and retrain.',
  E_NOT_VERIFIED: 'Verify the customer (email, or first name + last name + zip) before using this tool.',
  E_VERIFICATION_INCOMPLETE: 'A user id only finds the account; ask the customer for the zip code on it (or look them up by email), then confirm.',
  E_ACTION_HELD: 'This card needs your decision first (choose the items, the amount or the option with the customer); edit it and approve, or reject it.',
  E_CUSTOMER_NOT_FOUND: 'No customer matches those details; ask the customer to check their email, or their name and zip code.',
  E_NOT_OWNER: 'That record belongs to a different customer; only help the verified customer with their own orders and account.',
  E_UNKNOWN_TOOL: 'That tool does not exist; pick one from the list of available tools.',
  E_TOOL_ARGS: 'The action arguments are not valid; edit the fields named and approve again.',
  E_NOT_ELIGIBLE: 'The retail policy does not allow this action for this order; explain the policy to the customer or escalate.',
  E_REFUND_EXCEEDS: 'The refund is larger than what was paid minus what was already refunded; lower the amount.',
  E_SUPERVISOR_REQUIRED: 'This action needs a supervisor: nothing was changed. Choose the supervisor and have them enter their PIN, or send it to a supervisor.',
  E_BAD_PIN: 'Nothing was changed. Ask the supervisor to enter their PIN again; after 5 wrong PINs their approvals are locked for a while.',
  E_PIN_LOCKED: 'Nothing was changed and no PIN was checked. Wait for the lockout to end, or have an administrator reset the PIN with `tandem supervisor set NAME`.',
  E_SECOND_FACTOR_REQUIRED: 'This workspace asks for a second factor before money moves: ask the customer for the zip code on their account, or the id of one of their orders, and confirm it on the card. Nothing was changed.',
  E_SECOND_FACTOR_MISMATCH: 'That does not match the verified customer\'s account; nothing was confirmed. Ask again, or escalate if it keeps failing.',
  E_NO_SUPERVISOR: 'No supervisor profile exists yet: an administrator creates the first one on this machine with `tandem supervisor set NAME` (the PIN is read from standard input).',
  E_UNKNOWN_SUPERVISOR: 'Pick a supervisor from the list; profiles are created with `tandem supervisor set NAME`, or by an existing supervisor in Settings → Approvals.',
  E_NAME_CONFUSABLE: 'Supervisor names must not look alike, so the audit can never be misread; choose a clearly different name.',
  E_ACTION_CLOSED: 'This action was already decided; refresh to see its result.',
  E_ACTION_BLOCKED: 'This action cannot run yet; verify the customer first, then approve it again.',
  E_KNOWLEDGE_UNAVAILABLE: 'Knowledge-base search is not available yet; add articles to the knowledge base, or answer from the policy.',
  E_CONNECTOR_TIMEOUT: 'The commerce system did not answer in time; nothing was changed. Try again in a moment, or escalate.',
  E_CONNECTOR_HTTP: 'The commerce system returned an error; nothing was changed. Try again later, or escalate.',
  E_CONNECTOR_BAD_RESPONSE: 'The commerce system sent an answer Tandem cannot read; check the connector configuration.',
  E_CONNECTOR_CONFIG: 'The connector configuration file is not valid; fix the fields named and restart.',
  E_CONNECTOR_UNSUPPORTED: 'The connected system does not offer this tool; do it in that system directly.',
  E_MODEL_NOT_FOUND: 'That model file is not in the models folder any more; rescan the models folder and pick another file.',
  E_MODEL_NOT_GGUF: 'That file is not a GGUF model; pick a .gguf file exported for llama.cpp (for example a Q4_K_M quantization).',
  E_MODEL_TRUNCATED: 'The model file is incomplete (the copy or download stopped early); copy the whole file again.',
  E_MODEL_TOO_LARGE: 'The model needs more memory than is free; close other programs or pick a smaller model (a 0.5B–1.5B Q4_K_M file).',
  E_MODEL_LOAD_FAILED: 'The model could not be loaded by llama.cpp; check that the file is a supported chat model, or pick another.',
  E_MODEL_NOT_LOADED: 'No language model is loaded; load one in Settings → Models, or use the template draft.',
  E_MODEL_BUSY: 'A model is being loaded or unloaded; wait for it to finish and try again.',
  E_MODEL_TIMEOUT: 'The model did not finish in time; the template draft is used instead. Try a smaller model.',
  E_MODEL_BAD_JSON: 'The model did not produce valid structured output; the non-model path is used instead.',
  E_DRAFT_BLOCKED: 'This draft has a blocking finding; apply the suggested fix, edit the text, or send with an explicit override.',
  E_DRAFT_CLOSED: 'This draft was already sent or discarded; generate a new draft.',
  E_BACKUP_INVALID: 'That file is not a usable Tandem backup (damaged, not SQLite, newer than this build, or its audit log does not verify); the live database was not touched. Pick another backup.',
  E_RESTORE_IN_PROGRESS: 'Tandem is restoring a backup and reloads the workspace in a moment; try again once it has.',
  E_DB_IN_USE: 'Tandem is still running on this data directory; quit the app (or stop `tandem serve`) and run the command again.',
  E_BACKUP_FAILED: 'The backup could not be written; check the free disk space and that the backups folder is writable, then try again.',
  E_DISK_FULL: 'The disk that holds the data directory is full; nothing was half written. Free some space (or move the data directory to a larger disk) and try again.',
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

/** SQLite reports a full disk as SQLITE_FULL (also when a WAL or temp file cannot grow). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_FULL');
}

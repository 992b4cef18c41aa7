/**
 * Splits picked or dropped files into knowledge.importFiles requests. The HTTP host takes about 1 MB a
 * request, so the API caps the base64 payload of one request (files together) at 950,000 characters
 * and 50 files. A single file over the cap cannot be sent at all: it is refused here, with a reason the
 * import report shows, instead of failing the whole request.
 */
export const MAX_REQUEST_BASE64 = 950_000;
export const MAX_FILES_PER_REQUEST = 50;

export interface UploadCandidate {
  readonly name: string;
  readonly size: number;
}

export interface UploadPlan {
  /** Indexes into the candidates, one array per request, in the order given. */
  readonly batches: readonly (readonly number[])[];
  readonly refused: readonly { readonly index: number; readonly reason: string }[];
}

/** Size of a file once base64-encoded (what the request actually carries). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** The largest file that fits one request, in bytes (for the message shown to the agent). */
export const MAX_UPLOAD_BYTES = Math.floor(MAX_REQUEST_BASE64 / 4) * 3;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function planUploadBatches(files: readonly UploadCandidate[], maxBase64 = MAX_REQUEST_BASE64, maxFiles = MAX_FILES_PER_REQUEST): UploadPlan {
  const batches: number[][] = [];
  const refused: { index: number; reason: string }[] = [];
  let current: number[] = [];
  let currentSize = 0;
  files.forEach((file, index) => {
    const size = base64Length(file.size);
    if (size > maxBase64) {
      refused.push({
        index,
        reason: `The file is ${formatBytes(file.size)}; files added in the browser are limited to ${formatBytes(Math.floor(maxBase64 / 4) * 3)} each. Split it, or import it from disk with "tandem ingest <path>".`,
      });
      return;
    }
    if (current.length > 0 && (currentSize + size > maxBase64 || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      currentSize = 0;
    }
    current.push(index);
    currentSize += size;
  });
  if (current.length > 0) batches.push(current);
  return { batches, refused };
}

/** The outcome of turning file bytes into text: the text, or a sentence saying why it cannot be. */
export type DecodedText =
  | { readonly ok: true; readonly text: string; readonly warning?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Decodes a text file. NUL bytes or many control characters mean a binary file with a text extension
 * (refused); a UTF-16 byte-order mark is honoured; bytes that are not valid UTF-8 are decoded as
 * Windows-1252 (the usual culprit: text saved by older Windows tools) and the import report says so.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty.' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  if (looksBinary(bytes)) return { ok: false, reason: 'The file holds binary data, not text; check that it is the right file or export it as text.' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes);
    return { ok: true, text, warning: 'The file is not valid UTF-8; it was read as Windows-1252. Save it as UTF-8 if characters look wrong.' };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control / sample.length > 0.1;
}

/** A timestamp that sorts by time and is a valid file name on every desktop OS (no colons). */
export function fileStamp(at: number): string {
  return new Date(at).toISOString().replace(/:/g, '-').replace('.', '-');
}

/**
 * The action card's line for an account lookup. Before verification the engine hides the email or zip
 * the customer did not give (the result's `masked` names them); the line says so instead of a value.
 */
export function accountLookupLine(r: Record<string, unknown>): string {
  const masked = Array.isArray(r.masked) ? (r.masked as string[]) : [];
  const email = masked.includes('email') ? 'email hidden until verified' : String(r.email);
  const zip = masked.includes('zip') ? 'zip hidden until verified' : `zip ${String(r.zip)}`;
  return `${String(r.first_name)} ${String(r.last_name)} · ${email} · ${zip}${r.verified ? '' : ' — confirm the match to verify'}`;
}

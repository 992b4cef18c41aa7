import type { Migration } from '../migration.js';

/**
 * What a proposal knows beyond its arguments: the choices the card offers the agent (the order's items
 * with their prices, the customer's payment methods), the amount the customer stated, and a hold — a
 * reason the card cannot run as proposed (ambiguous items, an amount that is not a usable dollar amount,
 * a refund asked for twice) until the agent decides. JSON, because its shape follows the tool; NULL for
 * actions proposed before this column existed and for actions the agent added by hand.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'action_proposals',
  up: `ALTER TABLE actions ADD COLUMN proposal_json TEXT;`,
};

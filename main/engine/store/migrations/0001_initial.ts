import type { Migration } from '../migration.js';

/**
 * Workspaces, settings, conversations and messages, and the embedded commerce backend.
 * Money columns are integer cents; ids from external systems are kept as text.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE workspaces (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  key          TEXT NOT NULL,
  value_json   TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, key)
) STRICT;

CREATE TABLE customers (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id           TEXT NOT NULL,
  first_name   TEXT NOT NULL,
  last_name    TEXT NOT NULL,
  email        TEXT NOT NULL,
  address1     TEXT NOT NULL DEFAULT '',
  address2     TEXT NOT NULL DEFAULT '',
  city         TEXT NOT NULL DEFAULT '',
  state        TEXT NOT NULL DEFAULT '',
  country      TEXT NOT NULL DEFAULT '',
  zip          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (workspace_id, id)
) STRICT;
CREATE INDEX customers_email ON customers (workspace_id, email COLLATE NOCASE);
CREATE INDEX customers_name_zip ON customers (workspace_id, last_name COLLATE NOCASE, first_name COLLATE NOCASE, zip);

CREATE TABLE payment_methods (
  workspace_id  TEXT NOT NULL,
  id            TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  source        TEXT NOT NULL CHECK (source IN ('credit_card', 'paypal', 'gift_card')),
  brand         TEXT,
  last_four     TEXT,
  balance_cents INTEGER,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE products (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id           TEXT NOT NULL,
  name         TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id)
) STRICT;

CREATE TABLE variants (
  workspace_id TEXT NOT NULL,
  item_id      TEXT NOT NULL,
  product_id   TEXT NOT NULL,
  options_json TEXT NOT NULL,
  price_cents  INTEGER NOT NULL CHECK (price_cents >= 0),
  available    INTEGER NOT NULL CHECK (available IN (0, 1)),
  PRIMARY KEY (workspace_id, item_id),
  FOREIGN KEY (workspace_id, product_id) REFERENCES products(workspace_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE orders (
  workspace_id TEXT NOT NULL,
  id           TEXT NOT NULL,
  customer_id  TEXT NOT NULL,
  status       TEXT NOT NULL,
  address_json TEXT NOT NULL,
  fulfillments_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers(workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX orders_customer ON orders (workspace_id, customer_id);

CREATE TABLE order_items (
  workspace_id TEXT NOT NULL,
  order_id     TEXT NOT NULL,
  line         INTEGER NOT NULL,
  item_id      TEXT NOT NULL,
  product_id   TEXT NOT NULL,
  name         TEXT NOT NULL,
  options_json TEXT NOT NULL,
  price_cents  INTEGER NOT NULL CHECK (price_cents >= 0),
  PRIMARY KEY (workspace_id, order_id, line),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders(workspace_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE order_payments (
  workspace_id      TEXT NOT NULL,
  order_id          TEXT NOT NULL,
  line              INTEGER NOT NULL,
  transaction_type  TEXT NOT NULL CHECK (transaction_type IN ('payment', 'refund')),
  amount_cents      INTEGER NOT NULL CHECK (amount_cents >= 0),
  payment_method_id TEXT NOT NULL,
  PRIMARY KEY (workspace_id, order_id, line),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders(workspace_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE conversations (
  workspace_id    TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id              TEXT NOT NULL PRIMARY KEY,
  customer_ref    TEXT,
  customer_id     TEXT,
  verified        INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
  subject         TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'escalated')),
  channel         TEXT NOT NULL DEFAULT 'app',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  last_message_at INTEGER
) STRICT;
CREATE INDEX conversations_recent ON conversations (workspace_id, last_message_at DESC);

CREATE TABLE messages (
  id              TEXT NOT NULL PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('customer', 'agent', 'system', 'tool')),
  content         TEXT NOT NULL,
  metadata_json   TEXT NOT NULL DEFAULT '{}',
  created_at      INTEGER NOT NULL,
  UNIQUE (conversation_id, seq)
) STRICT;
`,
};

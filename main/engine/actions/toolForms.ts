import { z } from 'zod';
import { TOOLS } from './toolRegistry.js';
import { TOOL_NAMES, toolSchemas, type ToolName } from './toolSchemas.js';

/**
 * The fields of a tool's form, derived from its argument schema, so a tool gains a form by having a
 * schema. The kind says how the agent enters the value: money in dollars (stored as cents), items as
 * checkboxes of the order's items, a payment method from the customer's, an order from those looked up.
 */
export type FieldKind = 'text' | 'longtext' | 'email' | 'dollars' | 'choice' | 'order' | 'items' | 'new_items' | 'payment_method' | 'address';

export interface FormField {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** Allowed values of a choice. */
  readonly options?: readonly string[];
  /** Sub-fields of an address. */
  readonly fields?: readonly FormField[];
}

export interface ToolForm {
  readonly name: ToolName;
  readonly description: string;
  readonly effect: 'reads' | 'changes';
  readonly needsVerifiedCustomer: boolean;
  readonly fields: readonly FormField[];
}

const LABELS: Record<string, string> = {
  order_id: 'Order', amount_cents: 'Amount', reason: 'Reason', payment_method_id: 'Payment method', item_ids: 'Items',
  new_item_ids: 'New items', email: 'Email', first_name: 'First name', last_name: 'Last name', zip: 'Zip', user_id: 'User id',
  subject: 'Subject', priority: 'Priority', summary: 'Summary', query: 'Search for', intent: 'Intent', address: 'Address',
  address1: 'Street', address2: 'Apt, suite (optional)', city: 'City', state: 'State', country: 'Country',
};

interface JsonField {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly format?: string;
  readonly maxLength?: number;
  readonly properties?: Record<string, JsonField>;
  readonly required?: readonly string[];
}

function kindOf(name: string, schema: JsonField): FieldKind {
  if (name.endsWith('_cents')) return 'dollars';
  if (name === 'item_ids') return 'items';
  if (name === 'new_item_ids') return 'new_items';
  if (name === 'payment_method_id') return 'payment_method';
  if (name === 'order_id') return 'order';
  if (schema.enum) return 'choice';
  if (schema.type === 'object') return 'address';
  if (schema.format === 'email') return 'email';
  return (schema.maxLength ?? 0) > 200 ? 'longtext' : 'text';
}

function fieldsOf(schema: JsonField): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const kind = kindOf(name, field);
    return {
      name,
      label: LABELS[name] ?? name.replace(/_/g, ' '),
      kind,
      required: required.has(name),
      ...(field.enum ? { options: [...field.enum] } : {}),
      ...(kind === 'address' ? { fields: fieldsOf(field) } : {}),
    };
  });
}

export function toolForm(name: ToolName): ToolForm {
  const tool = TOOLS[name];
  const schema = z.toJSONSchema(toolSchemas[name].args, { io: 'input' }) as JsonField;
  return { name, description: tool.description, effect: tool.effect, needsVerifiedCustomer: tool.needsVerifiedCustomer, fields: fieldsOf(schema) };
}

export function toolForms(): ToolForm[] {
  return TOOL_NAMES.map(toolForm);
}

import type { ProposalContext } from '../proposalContext.js';
import { mentionedAddress } from './addressMentions.js';
import { paymentChoices, type ConversationFacts } from './conversationFacts.js';
import { NO_DETAILS, type ProposalHold } from './proposalDetails.js';
import type { ProposedCall } from './proposedCall.js';
import type { CustomerRequests } from './requestKinds.js';

/** "change my email to new@example.com": the address after "to" is the new one, not who they are. */
const NEW_EMAIL = /\b(?:to|new (?:email|address) (?:is|:)?)\s*([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/i;

function newEmail(text: string, requests: CustomerRequests): string | null {
  return requests.asks.has('change_email') ? (NEW_EMAIL.exec(text)?.[1]?.toLowerCase() ?? null) : null;
}

/**
 * Finding the customer's account so the agent can confirm who they are: by email, else by name + zip,
 * else by a user id the backend recognised. An order number alone never identifies anyone.
 */
export function identificationCalls(context: ProposalContext, requests: CustomerRequests): ProposedCall[] {
  const { entities } = context;
  const changing = newEmail(context.latestCustomerText, requests);
  const email = entities.emails.find((e) => e !== changing);
  const name = entities.names?.[0];
  if (email) return [{ tool: 'lookup_account', args: { email }, why: `The customer gave the email ${email}: locate the account, then confirm it is them.` }];
  if (name && entities.zip) {
    return [{
      tool: 'lookup_account',
      args: { first_name: name.first, last_name: name.last, zip: entities.zip },
      why: `The customer gave their name (${name.first} ${name.last}) and zip ${entities.zip}: locate the account, then confirm it is them.`,
    }];
  }
  const userId = context.userIds?.[0];
  if (userId) {
    return [{
      tool: 'lookup_account',
      args: { user_id: userId, ...(entities.zip ? { zip: entities.zip } : {}) },
      why: entities.zip
        ? `The customer gave their user id ${userId} and zip ${entities.zip}: locate the account, then confirm it is them.`
        : `The customer gave their user id ${userId}: locate the account; ask for the zip or email on it before confirming.`,
    }];
  }
  return [];
}

const CHANGE_REQUESTS = ['refund', 'return', 'exchange', 'cancel', 'change_address', 'change_email', 'reset_password'] as const;

/** Password resets, email and address changes, and the verified customer's own account. */
export function accountCalls(context: ProposalContext, requests: CustomerRequests, facts: ConversationFacts): ProposedCall[] {
  const calls: ProposedCall[] = [];
  const verified = context.verifiedCustomerId !== null;
  const text = context.latestCustomerText;
  const wantsChange = CHANGE_REQUESTS.some((k) => requests.asks.has(k));
  if (verified && !facts.account && (context.intent === 'account_issue' || wantsChange)) {
    calls.push({ tool: 'lookup_account', args: {}, why: 'Show the verified customer\'s account: profile, address and payment methods.' });
  }
  if (requests.asks.has('reset_password')) {
    calls.push({ tool: 'reset_password', args: {}, why: 'The customer cannot sign in: send a reset link to the email on file (never to an address given in the chat).' });
  }
  const changing = newEmail(text, requests);
  if (changing) calls.push({ tool: 'update_account', args: { email: changing }, why: `The customer asked to change their email to ${changing}.` });
  if (requests.asks.has('change_address')) calls.push(addressCall(context, facts));
  return calls;
}

function addressCall(context: ProposalContext, facts: ConversationFacts): ProposedCall {
  const address = mentionedAddress(context.latestCustomerText);
  const named = context.entities.orderIds.map((id) => (id.startsWith('#') ? id : `#${id}`));
  const order = [...facts.orders.values()].find((o) => named.includes(o.order_id) && o.status.startsWith('pending'));
  const fields = address
    ? { address1: address.address1, address2: address.address2, country: address.country, ...(address.city ? { city: address.city } : {}), ...(address.state ? { state: address.state } : {}), ...(address.zip ? { zip: address.zip } : {}) }
    : null;
  const hold: ProposalHold | null = !address
    ? { code: 'address_incomplete', message: 'The customer did not write the new address: ask for it and fill it in.' }
    : address.missing.length > 0 ? { code: 'address_incomplete', message: `The new address lacks the ${address.missing.join(', ')}: ask the customer and fill ${address.missing.length > 1 ? 'them' : 'it'} in.` } : null;
  const details = { ...NO_DETAILS, hold, paymentMethods: paymentChoices(facts.account) };
  if (order) {
    return {
      tool: 'modify_pending_order_address',
      args: { order_id: order.order_id, ...(fields ? { address: fields } : {}) },
      why: `The customer wants order ${order.order_id} shipped to a new address.`,
      subject: `modify_pending_order_address ${order.order_id}`,
      details,
    };
  }
  return {
    tool: 'modify_user_address',
    args: fields ? { address: fields } : {},
    why: 'The customer asked to change the address on their account.',
    subject: 'modify_user_address ',
    details,
  };
}

import type { ChatModel } from '../../ml/llm/chatModel.js';
import type { CommerceRepository } from '../commerce/commerceRepository.js';
import type { ConversationService } from '../conversations/conversationService.js';
import type { Message } from '../conversations/types.js';
import { TandemError } from '../errors.js';
import { modelSummary, type ModelSummaryOptions } from '../escalation/modelSummary.js';
import type { VerifiedCustomer } from '../quality/types.js';
import type { PacketSummarizer } from './escalationService.js';

export interface ModelPacketSummarizerDeps {
  readonly workspaceId: string;
  readonly model: () => ChatModel | null;
  readonly conversations: ConversationService;
  readonly commerce: CommerceRepository;
  readonly options?: ModelSummaryOptions;
}

/** The handoff summary on the loaded model, checked against the verified customer's own details. */
export class ModelPacketSummarizer implements PacketSummarizer {
  constructor(private readonly deps: ModelPacketSummarizerDeps) {}

  available(): boolean {
    return this.deps.model() !== null;
  }

  async summarize(conversationId: string, messages: readonly Message[]): Promise<string> {
    const model = this.deps.model();
    if (!model) throw new TandemError('E_MODEL_NOT_LOADED');
    return modelSummary(model, { messages, customer: this.verifiedCustomer(conversationId) }, this.deps.options);
  }

  /** Same rule as drafts: only a verified conversation has personal data that may be repeated. */
  private verifiedCustomer(conversationId: string): VerifiedCustomer | null {
    const conversation = this.deps.conversations.summary(conversationId);
    if (!conversation.verified || !conversation.customerId) return null;
    const customer = this.deps.commerce.getCustomer(this.deps.workspaceId, conversation.customerId);
    if (!customer) return null;
    return {
      firstName: customer.firstName,
      lastName: customer.lastName,
      emails: [customer.email],
      addresses: [customer.address.address1, customer.address.address2].filter((line) => line.trim().length > 0),
      orderIds: this.deps.commerce.orderIdsOfCustomer(this.deps.workspaceId, conversation.customerId),
    };
  }
}

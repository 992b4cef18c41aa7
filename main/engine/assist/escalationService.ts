import type { Clock } from '../clock.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { TandemError } from '../errors.js';
import { DEFAULT_ESCALATION_CONFIG, parseEscalationConfig, type EscalationConfig } from '../escalation/config.js';
import { buildHandoffPacket, type HandoffPacket } from '../escalation/handoffPacket.js';
import type { ToolOutcome, Trigger } from '../escalation/types.js';
import { newId } from '../ids.js';
import type { Message } from '../conversations/types.js';
import type { WorkspaceRepository } from '../workspace/workspaceRepository.js';
import type { AssistPipeline } from './assistPipeline.js';
import type { AssistRepository } from './assistRepository.js';
import { buildEscalationInput } from './escalationInput.js';

const CONFIG_KEY = 'escalation.config';

/** Where an escalation goes: an internal ticket (default) or whatever a host-provided sender does. */
export type HandoffSender = (packet: HandoffPacket) => Promise<{ destination: string; reference: string | null }>;

/**
 * Writes the packet's summary with the loaded local model. Throws (with the reason) when it cannot;
 * the packet then keeps the extractive summary and says why.
 */
export interface PacketSummarizer {
  /** False while no model is loaded: the extractive summary is used without trying. */
  available(): boolean;
  summarize(conversationId: string, messages: readonly Message[]): Promise<string>;
}

/** The agent's side of escalation: settings, one-click escalate with the handoff packet, dismiss with a reason. */
export class EscalationService {
  constructor(
    private readonly workspaceId: string,
    private readonly workspaces: WorkspaceRepository,
    private readonly conversations: ConversationService,
    private readonly repository: AssistRepository,
    private readonly pipeline: () => AssistPipeline,
    private readonly toolOutcomes: (conversationId: string) => readonly ToolOutcome[],
    private readonly clock: Clock,
    private sender: HandoffSender | null = null,
  ) {}

  private summarizer: PacketSummarizer | null = null;

  setSender(sender: HandoffSender | null): void {
    this.sender = sender;
  }

  setSummarizer(summarizer: PacketSummarizer | null): void {
    this.summarizer = summarizer;
  }

  config(): EscalationConfig {
    const stored = this.workspaces.getSetting<unknown>(this.workspaceId, CONFIG_KEY);
    if (stored === undefined) return DEFAULT_ESCALATION_CONFIG;
    try {
      return parseEscalationConfig(stored);
    } catch {
      return DEFAULT_ESCALATION_CONFIG; // a corrupt stored value must not stop assisting; saving is validated
    }
  }

  setConfig(value: unknown): EscalationConfig {
    const parsed = parseEscalationConfig(value);
    this.workspaces.setSetting(this.workspaceId, CONFIG_KEY, parsed, this.clock.now());
    return parsed;
  }

  /** The packet as it would be sent now: for the agent to read and copy before escalating. */
  async packet(conversationId: string, agentReason?: string): Promise<HandoffPacket> {
    const extractive = this.extractivePacket(conversationId, agentReason);
    const summarizer = this.summarizer;
    if (!summarizer?.available()) return extractive;
    try {
      const summary = await summarizer.summarize(conversationId, this.conversations.get(conversationId).messages);
      return { ...extractive, summary, summarySource: 'model', summaryNote: null };
    } catch (error) {
      const note = error instanceof Error ? error.message : String(error);
      return { ...extractive, summaryNote: `${note} The extractive summary is used.` };
    }
  }

  /** The packet with the quoted (extractive) summary: always available, no model involved. */
  extractivePacket(conversationId: string, agentReason?: string): HandoffPacket {
    const { conversation, messages } = this.conversations.get(conversationId);
    const results = this.repository.forConversation(conversationId);
    const routing = new Map(results.map((r) => [r.messageId, r.routing]));
    const outcomes = this.toolOutcomes(conversationId);
    const input = buildEscalationInput(messages, routing, outcomes, () => null);
    return buildHandoffPacket(
      {
        conversationId,
        customer: { name: conversation.customerName, ref: conversation.customerRef, verified: conversation.verified },
        customerMessages: input.customerMessages,
        toolOutcomes: outcomes,
        flags: results.at(-1)?.flags ?? [],
        ...(agentReason ? { agentReason } : {}),
        now: this.clock.now(),
      },
      this.config(),
    );
  }

  async escalate(conversationId: string, actor: string, agentReason?: string): Promise<{ escalationId: string; packet: HandoffPacket; destination: string; reference: string | null }> {
    const packet = await this.packet(conversationId, agentReason);
    const sent = this.sender ? await this.sender(packet) : { destination: `queue:${packet.queue}`, reference: null };
    const escalationId = newId('esc');
    this.repository.addEscalation({
      id: escalationId,
      conversationId,
      queue: packet.queue,
      packet,
      destination: sent.destination,
      actor,
      now: this.clock.now(),
    });
    this.conversations.setStatus(conversationId, 'escalated');
    return { escalationId, packet, ...sent };
  }

  async dismiss(conversationId: string, trigger: Trigger, reason: string, actor: string): Promise<void> {
    if (!reason.trim()) throw new TandemError('E_VALIDATION', 'Say why the flag is dismissed.');
    const latest = this.repository.latest(conversationId);
    const flag = latest?.flags.find((f) => f.trigger === trigger);
    if (!latest || !flag) throw new TandemError('E_NOT_FOUND', `No active “${trigger}” flag on this conversation.`);
    this.repository.addDismissal({
      conversationId,
      trigger,
      upToSeq: flag.evidence.messageSeq ?? latest.messageSeq,
      reason: reason.trim(),
      actor,
      now: this.clock.now(),
    });
    await this.pipeline().refresh(conversationId);
  }
}

import type { metricsMethods } from '../methods/metrics.js';
import type { HandlerTable } from './context.js';

const range = (input: { from?: number | undefined; to?: number | undefined; agent?: string | undefined; intent?: string | undefined; queue?: string | undefined }) => ({
  from: input.from,
  to: input.to,
  agent: input.agent,
  intent: input.intent,
  queue: input.queue,
});

export const metricsHandlers: HandlerTable<keyof typeof metricsMethods> = {
  'metrics.summary': ({ engine }, input) => engine.metrics.summary(range(input), input.groupBy),
  'metrics.timeseries': ({ engine }, input) => engine.metrics.timeseries(range(input), input.bucket ?? 'day', input.utcOffsetMinutes ?? 0),
  'metrics.drilldown': ({ engine }, input) => engine.metrics.drilldown(input.metric, range(input), input.limit ?? 200),
  'metrics.dimensions': ({ engine }) => engine.metrics.dimensions(),
  'metrics.export': ({ engine }, input) => engine.metrics.export(input.what, input.format, range(input)),
  'metrics.costSettings': ({ engine }) => engine.metrics.costSettings(),
  'metrics.setCostSettings': ({ engine }, input) => engine.metrics.setCostSettings(input),
  'review.list': ({ engine }, input) => engine.metrics.review(range(input)),
  'review.knowledgeGaps': ({ engine }, input) => engine.metrics.knowledgeGaps(range(input)),
  'review.draftArticle': ({ engine }, input) => engine.metrics.draftArticle(input.messageIds),
  'roi.calculate': ({ engine }, input) => engine.metrics.calculateRoi(input),
  'roi.prefill': ({ engine }) => engine.metrics.roiPrefill(),
  'csat.record': ({ engine }, input) => engine.metrics.recordCsat(input.conversationId, input.score, input.source ?? 'agent', input.comment ?? ''),
  'conversation.reopen': ({ engine }, input) => {
    engine.metrics.reopen(input.id, input.source ?? 'agent', input.reason ?? '');
    return { reopened: true } as const;
  },
  'conversation.abandon': ({ engine }, input) => {
    engine.metrics.abandon(input.id, 'agent', input.reason ?? '');
    return { abandoned: true } as const;
  },
};

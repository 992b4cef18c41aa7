import { useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNavigation } from '../../state/navigation.js';
import { useNotices } from '../../state/notices.js';
import { downloadText } from './download.js';
import { conversationLabel, shortDate } from './metricFormat.js';

type Groups = Output<'review.list'>;
type Gaps = Output<'review.knowledgeGaps'>;

/** The weekly review: what went wrong, grouped by cause, and the questions the knowledge base cannot answer. */
export function ReviewTab({ range }: { range: { from: number; to: number } }) {
  const client = useClient();
  const nav = useNavigation();
  const { push } = useNotices();
  const [groups, setGroups] = useState<Groups | null>(null);
  const [gaps, setGaps] = useState<Gaps | null>(null);

  useEffect(() => {
    void client.call('review.list', range).then((r) => (r.ok ? setGroups(r.value) : push('error', r.error.message)));
    void client.call('review.knowledgeGaps', range).then((r) => (r.ok ? setGaps(r.value) : push('error', r.error.message)));
  }, [client, range, push]);

  const draftArticle = async (messageIds: readonly string[]): Promise<void> => {
    const r = await client.call('review.draftArticle', { messageIds: [...messageIds] });
    if (!r.ok) return push('error', r.error.message);
    downloadText(r.value.fileName, 'text/markdown', r.value.markdown);
    push('info', `Saved ${r.value.fileName}: finish the answer, then import it in Knowledge.`);
  };

  return (
    <div className="review-layout">
      <section className="review-column" data-testid="review-list">
        <h2>Escalations and rejections by cause</h2>
        {groups && groups.length === 0 ? <p className="muted">Nothing to review in this range: no escalations, rejected actions or rejected drafts.</p> : null}
        {groups?.map((g) => (
          <div key={g.cause} className="review-group" data-testid={`review-${g.cause}`}>
            <h3>
              {g.label} <span className="count-pill">{g.items.length}</span>
            </h3>
            <ul className="review-items">
              {g.items.map((item, i) => (
                <li key={`${item.conversationId}-${i}`}>
                  <button type="button" className="review-item" onClick={() => nav.openConversation(item.conversationId)}>
                    <span className={`kind-pill kind-${item.kind}`}>{item.kind.replace('_', ' ')}</span>
                    <span className="review-subject">{conversationLabel(item)}</span>
                    <span className="review-detail">{item.detail}</span>
                    <span className="muted">{shortDate(item.at)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section className="review-column" data-testid="knowledge-gaps">
        <h2>Knowledge gaps</h2>
        <p className="muted">
          Customer questions with no evidence above the score threshold, grouped {gaps?.method === 'embedding' ? 'by meaning' : 'by shared words'}.
        </p>
        {gaps && gaps.clusters.length === 0 ? <p className="muted">Every question in this range found good evidence.</p> : null}
        {gaps?.clusters.map((c) => (
          <div key={c.id} className="gap-cluster">
            <div className="gap-head">
              <strong>{c.topTerms.join(' · ') || 'Short questions'}</strong>
              <span className="count-pill">{c.size} question{c.size === 1 ? '' : 's'}</span>
            </div>
            <ul className="gap-questions">
              {c.representatives.map((q) => (
                <li key={q.messageId}>
                  <button type="button" className="link-button" onClick={() => nav.openConversation(q.conversationId)}>“{q.text}”</button>
                </li>
              ))}
            </ul>
            <button type="button" className="button small" onClick={() => void draftArticle(c.messageIds)}>Draft an article</button>
          </div>
        ))}
      </section>
    </div>
  );
}

import { useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNavigation } from '../../state/navigation.js';
import { useNotices } from '../../state/notices.js';
import type { AssistSectionProps } from '../assistSections.js';
import { Highlighted } from './Highlighted.js';
import { readableText, snippetAround } from './highlight.js';
import { formatScore } from './knowledgeFormat.js';
import { ScoreBar } from './ScoreBar.js';
import './knowledge.css';

/** The top 3 chunks for the latest customer message, numbered as the draft cites them, each openable. */
export function EvidenceSection({ detail, assist }: AssistSectionProps) {
  const navigation = useNavigation();
  const client = useClient();
  const { push } = useNotices();
  const [refreshing, setRefreshing] = useState(false);
  // Evidence is found when a message arrives; after articles are imported the agent can search again.
  const searchAgain = (): void => {
    setRefreshing(true);
    void client.call('assist.refresh', { conversationId: detail.conversation.id }).then((r) => {
      setRefreshing(false);
      if (!r.ok) push('error', r.error.message);
    });
  };
  if (!assist) return <p className="assist-idle">Policy and help articles relevant to the latest customer message appear here.</p>;
  const { evidence, retrieval } = assist;
  const top = evidence[0]?.score ?? 0;
  return (
    <div className="evidence" data-testid="evidence-section">
      {retrieval ? (
        <div className="evidence-filter" data-testid="evidence-filter" data-filtered={retrieval.categories ? 'yes' : retrieval.filterFellBack ? 'fell-back' : 'no'}>
          {retrieval.filterFellBack ? (
            <span title="The intent's categories held too few matches, so every category was searched">Filter fell back — searched all categories</span>
          ) : retrieval.categories ? (
            <>
              Filtered to <span className="evidence-categories">{retrieval.categories.join(', ')}</span>
            </>
          ) : (
            <span>No category filter</span>
          )}
          {retrieval.mode === 'lexical' ? <span className="muted"> · keyword match only</span> : null}
        </div>
      ) : null}
      {evidence.length === 0 ? (
        <p className="assist-idle" data-testid="evidence-empty">
          No policy or help article matches the latest customer message. Import articles on the Knowledge screen to fill this gap.{' '}
          <button type="button" className="link-button" onClick={searchAgain} disabled={refreshing} data-testid="evidence-refresh">
            {refreshing ? 'Searching…' : 'Search again'}
          </button>
        </p>
      ) : (
        <ol className="evidence-list">
          {evidence.map((hit, i) => (
            <li key={hit.chunkId} className="evidence-item" data-testid="evidence-item" data-chunk-id={hit.chunkId} data-document-id={hit.citation.documentId}>
              <div className="evidence-head">
                <span className="evidence-cite" data-testid="evidence-cite">
                  [{i + 1}]
                </span>
                <span className="evidence-title" title={hit.citation.source}>
                  {hit.citation.documentTitle}
                </span>
                <button
                  type="button"
                  className="link-button evidence-open"
                  data-testid="evidence-open"
                  title="Open the document at this chunk"
                  onClick={() => navigation.openDocument(hit.citation.documentId, hit.chunkId, hit.matchedTerms)}
                >
                  Open
                </button>
              </div>
              {hit.citation.section ? <div className="evidence-section-path">{hit.citation.section}</div> : null}
              <p className="evidence-snippet">
                <Highlighted text={snippetAround(readableText(hit.text), hit.matchedTerms)} terms={hit.matchedTerms} />
              </p>
              <div className="evidence-score">
                <ScoreBar score={hit.score} top={top} mode={retrieval?.mode ?? 'hybrid'} />
                <span className="muted">{formatScore(hit.score)}</span>
                <span className="chip kb-category">{hit.category}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

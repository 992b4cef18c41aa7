import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

type Status = Output<'router.status'>;

interface Draft {
  /** The name the intent had when loaded (null for a new intent), so a rename keeps its history. */
  readonly original: string | null;
  name: string;
  description: string;
  requiresAuth: boolean;
  tools: string;
  escalationThreshold: number;
  examples: string;
}

/**
 * Settings → Intents: edit the workspace's taxonomy (add or rename intents, descriptions, thresholds,
 * tools, authentication, examples). Saving retrains in the background; the current model keeps
 * routing until the new one is ready, and an invalid edit is refused with the reason.
 */
export function TaxonomyEditor() {
  const client = useClient();
  const { push } = useNotices();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [fallback, setFallback] = useState('other');
  const [learn, setLearn] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const load = useCallback(async () => {
    const [t, s] = await Promise.all([client.call('router.taxonomy.get', {}), client.call('router.status', {})]);
    if (t.ok) {
      setDrafts(
        t.value.taxonomy.intents.map((i) => ({
          original: i.name,
          name: i.name,
          description: i.description,
          requiresAuth: i.requiresAuth,
          tools: i.tools.join(', '),
          escalationThreshold: i.escalationThreshold,
          examples: i.examples.join('\n'),
        })),
      );
      setFallback(t.value.taxonomy.fallbackIntent);
      setLearn(t.value.learnFromCorrections);
    } else setError(t.error.message);
    if (s.ok) setStatus(s.value);
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);
  useEngineEvents((event) => {
    if (event.type === 'router.retrained') {
      void client.call('router.status', {}).then((s) => s.ok && setStatus(s.value));
      if (!event.ok) push('error', `Retraining failed; the previous model is still in use. ${event.message ?? ''}`);
    }
  });

  const update = (index: number, patch: Partial<Draft>): void => setDrafts((d) => d.map((x, i) => (i === index ? { ...x, ...patch } : x)));

  const save = async (): Promise<void> => {
    setError(null);
    const renames: Record<string, string> = {};
    for (const d of drafts) if (d.original && d.original !== d.name.trim()) renames[d.original] = d.name.trim();
    const renamedFallback = renames[fallback] ?? fallback;
    const result = await client.call('router.taxonomy.update', {
      taxonomy: {
        fallbackIntent: renamedFallback,
        intents: drafts.map((d) => ({
          name: d.name.trim(),
          description: d.description,
          requiresAuth: d.requiresAuth,
          tools: d.tools.split(',').map((t) => t.trim()).filter(Boolean),
          escalationThreshold: d.escalationThreshold,
          examples: d.examples.split('\n'),
        })),
      },
      renames,
      learnFromCorrections: learn,
    });
    if (!result.ok) return setError(result.error.message);
    push('info', 'Intents saved; the model is retraining in the background.');
    await load();
  };

  return (
    <div className="card taxonomy-editor" data-testid="taxonomy-editor">
      <h3>Intents</h3>
      {status ? (
        <p className="muted" data-testid="router-status">
          Model v{status.modelVersion ?? '–'} · {status.training === 'training' ? 'retraining…' : status.training === 'failed' ? 'last retrain failed' : status.stale ? 'update pending' : 'up to date'}
          {status.exampleCount ? ` · ${status.exampleCount} examples` : ''} · {status.embedderId}
        </p>
      ) : null}
      {error ? <div className="inline-error" data-testid="taxonomy-error">{error}</div> : null}
      <ul className="taxonomy-list">
        {drafts.map((d, i) => (
          <li key={i} className="taxonomy-intent" data-testid="taxonomy-intent">
            <button type="button" className="link-button" onClick={() => setOpen(open === i ? null : i)}>
              {open === i ? '▾' : '▸'} {d.name || '(new intent)'} · threshold {d.escalationThreshold} · {d.examples.split('\n').filter((e) => e.trim()).length} examples
            </button>
            {open === i ? (
              <div className="taxonomy-fields">
                <label>
                  Name <input value={d.name} onChange={(e) => update(i, { name: e.target.value })} data-testid="intent-name-input" />
                </label>
                <label>
                  Description <input value={d.description} onChange={(e) => update(i, { description: e.target.value })} />
                </label>
                <label>
                  Escalate below{' '}
                  <input type="number" min={0} max={1} step={0.05} value={d.escalationThreshold} onChange={(e) => update(i, { escalationThreshold: Number(e.target.value) })} />
                </label>
                <label>
                  Tools <input value={d.tools} onChange={(e) => update(i, { tools: e.target.value })} placeholder="lookup_order, track_shipment" />
                </label>
                <label>
                  <input type="checkbox" checked={d.requiresAuth} onChange={(e) => update(i, { requiresAuth: e.target.checked })} /> Requires a verified customer
                </label>
                <label>
                  Examples (one per line)
                  <textarea rows={6} value={d.examples} onChange={(e) => update(i, { examples: e.target.value })} data-testid="intent-examples" />
                </label>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="taxonomy-actions">
        <button
          type="button"
          className="button small"
          onClick={() => {
            setDrafts((d) => [...d, { original: null, name: '', description: '', requiresAuth: false, tools: '', escalationThreshold: 0.5, examples: '' }]);
            setOpen(drafts.length);
          }}
          data-testid="add-intent"
        >
          Add intent
        </button>
        <label>
          <input type="checkbox" checked={learn} onChange={(e) => setLearn(e.target.checked)} data-testid="learn-from-corrections" /> Use my intent corrections as
          training examples
        </label>
        <button type="button" className="button primary small" onClick={() => void save()} data-testid="save-taxonomy">
          Save and retrain
        </button>
      </div>
    </div>
  );
}

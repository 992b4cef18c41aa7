import './drafting.css';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

type Listing = Output<'models.list'>;
type Status = Output<'models.status'>;

const size = (bytes: number): string => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`);

/**
 * Settings → Models: the GGUF files found in the models folder and the folder the agent picked, what
 * each is (quantization, context, size) and whether it fits in free memory; load one (with progress)
 * or unload it. Without a model, drafts are grounded templates. Also the AI-disclosure setting.
 */
export function ModelsCard() {
  const client = useClient();
  const { push } = useNotices();
  const [listing, setListing] = useState<Listing | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [folder, setFolder] = useState('');
  const [disclosure, setDisclosure] = useState<boolean | null>(null);

  const refresh = useCallback(() => {
    void client.call('models.list', {}).then((r) => (r.ok ? setListing(r.value) : push('error', r.error.message)));
    void client.call('models.status', {}).then((r) => r.ok && setStatus(r.value));
  }, [client, push]);
  useEffect(() => {
    refresh();
    void client.call('draft.settings.get', {}).then((r) => r.ok && setDisclosure(r.value.aiDisclosure));
  }, [client, refresh]);
  useEngineEvents((event) => {
    if (event.type === 'models.status') setStatus(event.status);
  });

  const load = async (path: string): Promise<void> => {
    const result = await client.call('models.load', { path });
    if (!result.ok) push('error', result.error.message);
    else push('info', `${result.value.name} loaded (${result.value.threads} threads); new drafts are written by it.`);
  };
  const unload = async (): Promise<void> => {
    const result = await client.call('models.unload', {});
    if (result.ok) setStatus(result.value);
    else push('error', result.error.message);
  };
  const pickFolder = async (value: string | null): Promise<void> => {
    const result = await client.call('models.setFolder', { folder: value });
    if (!result.ok) return push('error', result.error.message);
    setListing(result.value);
    setFolder('');
  };
  const toggleDisclosure = async (on: boolean): Promise<void> => {
    const result = await client.call('draft.settings.set', { aiDisclosure: on });
    if (result.ok) setDisclosure(result.value.aiDisclosure);
    else push('error', result.error.message);
  };

  const loadedPath = status?.state === 'loaded' ? status.model.path : null;
  const busy = status?.state === 'loading';
  return (
    <div className="card" data-testid="models-card">
      <h3>Models</h3>
      <p>
        {status?.state === 'loaded'
          ? `Drafting with ${status.model.name} (${status.threads} threads, context ${status.model.contextSize.toLocaleString()}).`
          : 'No language model is loaded: drafts are grounded templates filled from tool results and cited articles.'}
      </p>
      {status?.state === 'loading' ? (
        <div data-testid="models-loading">
          <div className="muted">Loading {status.path.split(/[\\/]/).at(-1)}… {Math.round(status.fraction * 100)}%</div>
          <div className="models-progress"><span style={{ width: `${Math.round(status.fraction * 100)}%` }} /></div>
        </div>
      ) : null}
      {status?.state === 'failed' ? <div className="action-error" role="alert">{status.error.message}</div> : null}
      {listing === null ? (
        <div className="loading">Looking for models…</div>
      ) : listing.models.length === 0 ? (
        <p className="muted" data-testid="models-empty">No .gguf files in {listing.folders.join(' or ') || 'the models folder'}. See models/README.md for models that work well.</p>
      ) : (
        <ul className="models-list" data-testid="models-list">
          {listing.models.map((m) => (
            <li key={m.path} className="models-item" data-testid="models-item" data-usable={m.usable}>
              {m.usable ? (
                <>
                  <div className="models-item-head">
                    <strong>{m.file.name}</strong>
                    <span className="badge">{m.file.quantization}</span>
                    <span className={`badge ${m.file.fitsInMemory ? 'badge-fits' : 'badge-nofit'}`}>{m.file.fitsInMemory ? 'fits in memory' : 'too large for free memory'}</span>
                    {loadedPath === m.path ? <span className="badge badge-high">loaded</span> : null}
                  </div>
                  <div className="muted">
                    {m.file.fileName} · {size(m.file.sizeBytes)} · context {m.file.contextLength?.toLocaleString() ?? 'unknown'} · needs ~{size(m.file.requiredBytes)}
                    {m.file.hasChatTemplate ? '' : ' · no chat template'}
                  </div>
                  <div className="action-buttons">
                    {loadedPath === m.path ? (
                      <button type="button" className="button small" onClick={() => void unload()} data-testid="models-unload">Unload</button>
                    ) : (
                      <button type="button" className="button small primary" disabled={busy || !m.file.fitsInMemory} onClick={() => void load(m.path)} data-testid="models-load">
                        Load
                      </button>
                    )}
                  </div>
                </>
              ) : (
                <>
                  <strong>{m.path.split(/[\\/]/).at(-1)}</strong>
                  <div className="action-error">{m.error.message}</div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {busy ? <button type="button" className="button small" onClick={() => void unload()}>Cancel loading</button> : null}
      <form className="models-folder" onSubmit={(e) => { e.preventDefault(); if (folder.trim()) void pickFolder(folder.trim()); }}>
        <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="Another folder with .gguf files" aria-label="Model folder" data-testid="models-folder" />
        <button type="submit" className="button small" disabled={!folder.trim()}>Add folder</button>
        {listing && listing.folders.length > 1 ? (
          <button type="button" className="button small" onClick={() => void pickFolder(null)}>Forget {listing.folders[1]}</button>
        ) : null}
      </form>
      <button type="button" className="link-button" onClick={refresh}>Rescan</button>
      {disclosure !== null ? (
        <label className="models-option">
          <input type="checkbox" checked={disclosure} onChange={(e) => void toggleDisclosure(e.target.checked)} data-testid="ai-disclosure" />
          Say on the first reply that it was prepared with AI help
        </label>
      ) : null}
    </div>
  );
}

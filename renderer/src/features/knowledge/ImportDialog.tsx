import { useMemo, useState } from 'react';
import type { PickedFile } from './pickedFiles.js';
import { formatBytes, planUploadBatches } from './uploadBatches.js';

/** The categories the intent filter knows, offered first so imported articles reach the right intents. */
const FILTER_CATEGORIES = ['returns', 'billing', 'policies', 'shipping', 'tracking', 'orders', 'products', 'specs', 'compatibility'];
const OTHER = '__other__';

/** Confirms what is about to be imported and under which category. */
export function ImportDialog({
  files,
  knownCategories,
  onImport,
  onClose,
}: {
  files: readonly PickedFile[];
  knownCategories: readonly string[];
  onImport: (category: string | null) => void;
  onClose: () => void;
}) {
  const [choice, setChoice] = useState('');
  const [custom, setCustom] = useState('');
  const plan = useMemo(() => planUploadBatches(files.map((f) => ({ name: f.path, size: f.file.size }))), [files]);
  const total = files.reduce((n, f) => n + f.file.size, 0);
  const fromFolder = files.some((f) => f.path.includes('/'));
  const categories = [...new Set([...FILTER_CATEGORIES, ...knownCategories])].sort();
  const category = choice === OTHER ? custom.trim().toLowerCase() : choice;
  const tooLarge = new Set(plan.refused.map((r) => r.index));

  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <form
        className="modal wide kb-import-dialog"
        data-testid="import-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        onSubmit={(e) => {
          e.preventDefault();
          if (choice === OTHER && !category) return;
          onImport(category || null);
        }}
      >
        <h2>
          Import {files.length} {files.length === 1 ? 'file' : 'files'} <span className="muted">({formatBytes(total)})</span>
        </h2>
        <ul className="kb-import-files">
          {files.slice(0, 8).map((f, i) => (
            <li key={f.path + i} className={tooLarge.has(i) ? 'too-large' : ''}>
              <span className="kb-import-name">{f.path}</span>
              <span className="muted">{tooLarge.has(i) ? 'too large to upload' : formatBytes(f.file.size)}</span>
            </li>
          ))}
          {files.length > 8 ? <li className="muted">and {files.length - 8} more</li> : null}
        </ul>
        {plan.refused.length > 0 ? (
          <p className="kb-import-warning">
            {plan.refused.length} {plan.refused.length === 1 ? 'file is' : 'files are'} too large to upload from the browser and will be listed in the report.
          </p>
        ) : null}
        <label>
          Category
          <select autoFocus value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="import-category">
            <option value="">Automatic — from front matter{fromFolder ? ' or folder' : ''}, else “general”</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value={OTHER}>Other…</option>
          </select>
        </label>
        {choice === OTHER ? (
          <label>
            New category
            <input autoFocus value={custom} maxLength={60} onChange={(e) => setCustom(e.target.value)} placeholder="e.g. warranty" data-testid="import-category-custom" />
          </label>
        ) : null}
        <p className="muted kb-import-hint">
          A category decides which intents see these articles: returns, billing and policies serve refund requests; shipping, tracking and orders serve order status; products, specs and compatibility serve product questions.
        </p>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={choice === OTHER && !category} data-testid="import-confirm">
            Import
          </button>
        </div>
      </form>
    </div>
  );
}

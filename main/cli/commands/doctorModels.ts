import { freemem } from 'node:os';
import { ModelManager } from '../../ml/llm/modelManager.js';
import type { ModelListing } from '../../ml/llm/modelTypes.js';
import type { DoctorCheck } from './doctor.js';

const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(bytes < 1024 ** 3 ? 2 : 1)} GB`;

function describe(listing: ModelListing, free: number): string {
  if (!listing.usable) return `${listing.path}: ${listing.error.message}`;
  const f = listing.file;
  const context = f.contextLength ? `context ${f.contextLength.toLocaleString('en-US')}` : 'context unknown';
  const template = f.hasChatTemplate ? 'chat template' : 'no chat template';
  const fit = f.fitsInMemory ? `fits (needs ~${gb(f.requiredBytes)} of ${gb(free)} free)` : `does not fit (needs ~${gb(f.requiredBytes)}, ${gb(free)} free)`;
  return `${f.name} — ${f.fileName}, ${f.quantization}, ${gb(f.sizeBytes)}, ${context}, ${template}, ${fit}`;
}

/**
 * The language-model part of `tandem doctor`: every GGUF file in the models folder and the folder
 * chosen in Settings, read by header only (never loaded), with why a file cannot be used. No model is
 * loaded at start by design; the agent picks one in Settings → Models.
 */
export async function modelChecks(modelsDir: string, userFolder: string | null): Promise<DoctorCheck[]> {
  const manager = new ModelManager({ modelsDir, userFolder });
  const listings = await manager.list();
  const free = freemem();
  const usable = listings.filter((l) => l.usable);
  const fitting = usable.filter((l) => l.usable && l.file.fitsInMemory);
  const checks: DoctorCheck[] = [
    {
      name: 'Language model (optional)',
      ok: fitting.length > 0,
      severity: 'warn',
      detail:
        listings.length === 0
          ? `none in ${manager.folders().join(', ')} — drafts use grounded templates`
          : `${usable.length} usable of ${listings.length} GGUF file${listings.length === 1 ? '' : 's'}, ${fitting.length} fit${fitting.length === 1 ? 's' : ''} in free memory; threads ${manager.status().threads}; none loaded at start (pick one in Settings → Models)`,
      fix:
        listings.length === 0
          ? `Put a GGUF chat model (e.g. Qwen2.5-0.5B-Instruct Q4_K_M) in ${modelsDir}; see models/README.md.`
          : 'Use a complete .gguf file small enough for free memory (a 0.5B–1.5B Q4_K_M model); see models/README.md.',
    },
  ];
  for (const listing of listings) {
    const ok = listing.usable && listing.file.fitsInMemory;
    checks.push({
      name: `Model file ${listing.usable ? listing.file.fileName : (listing.path.split(/[\\/]/).at(-1) ?? listing.path)}`,
      ok,
      severity: 'warn',
      detail: describe(listing, free),
      ...(ok ? {} : { fix: listing.usable ? 'Close other programs or pick a smaller quantization.' : 'Copy the whole file again, or remove it from the models folder.' }),
    });
  }
  return checks;
}

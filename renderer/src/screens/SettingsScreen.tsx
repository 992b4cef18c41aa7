import { useEffect, useState } from 'react';
import type { Output } from '../../../main/api/contract.js';
import { useClient } from '../state/clientContext.js';
import { TaxonomyEditor } from '../features/intent/TaxonomyEditor.js';
import { ModelsCard } from '../features/drafting/ModelsCard.js';
import { BackupCard } from '../features/dataSafety/BackupCard.js';
import { RetentionCard } from '../features/dataSafety/RetentionCard.js';
import { SupervisorsCard } from '../features/actions/SupervisorsCard.js';
import { ProfileCard } from '../features/profile/ProfileCard.js';
import { VerificationStrengthCard } from '../features/actions/VerificationStrengthCard.js';

type Info = Output<'app.info'>;

/** Settings → About: where data lives, what is loaded, and the offline promise. */
export function SettingsScreen() {
  const client = useClient();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('app.info', {}).then((r) => (r.ok ? setInfo(r.value) : setError(r.error.message)));
  }, [client]);
  return (
    <section className="screen" data-testid="settings-screen">
      <header className="screen-header">
        <h1>Settings</h1>
      </header>
      {error ? <div className="inline-error">{error}</div> : null}
      <div className="cards">
        <div className="card">
          <h3>Workspace</h3>
          {info ? (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{info.workspace.name}{info.workspace.isDemo ? ' (demo)' : ''}</dd>
              <dt>Customers · orders · products</dt>
              <dd>
                {info.commerce.customers.toLocaleString()} · {info.commerce.orders.toLocaleString()} · {info.commerce.products.toLocaleString()}
              </dd>
              <dt>Data folder</dt>
              <dd className="mono">{info.dataDir}</dd>
              <dt>Version</dt>
              <dd>
                Tandem {info.version} · database schema v{info.schemaVersion}
              </dd>
            </dl>
          ) : (
            <div className="loading">Loading…</div>
          )}
        </div>
        <ProfileCard />
        <SupervisorsCard />
        <VerificationStrengthCard />
        <TaxonomyEditor />
        <ModelsCard />
        <BackupCard />
        <RetentionCard />
        <div className="card" data-testid="offline-card">
          <h3>Offline by design</h3>
          <p>
            Conversations, customer data, the knowledge base, models and the audit trail stay on this computer. Tandem listens on
            127.0.0.1 only and never contacts: model hubs, analytics or telemetry services, update servers, or any cloud AI API.
          </p>
        </div>
      </div>
    </section>
  );
}

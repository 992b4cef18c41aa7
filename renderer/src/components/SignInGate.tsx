import type { ReactNode } from 'react';
import { useConnection } from '../state/clientContext.js';

/**
 * The headless host serves this page to anyone on the machine, but answers only a signed-in browser.
 * Until this one is, it says how to sign in instead of showing an empty, failing app.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const connection = useConnection();
  if (connection !== 'signed-out') return <>{children}</>;
  return (
    <main className="signin-screen" data-testid="signin-required">
      <div className="card">
        <h1>Sign in to Tandem</h1>
        <p>
          This browser is not signed in to the Tandem running on this computer (or Tandem was restarted). Open the sign-in link that{' '}
          <code>tandem serve</code> printed when it started; each link works once, for 10 minutes.
        </p>
        <p>
          For a new link, run <code>tandem open</code> in a terminal (with the same <code>--data-dir</code>, if you gave one).
        </p>
      </div>
    </main>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.js';
import { App } from './App.js';
import { SignInGate } from './components/SignInGate.js';
import { ClientProvider } from './state/clientContext.js';
import { NoticeProvider } from './state/notices.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <ClientProvider client={createClient()}>
      <SignInGate>
        <NoticeProvider>
          <App />
        </NoticeProvider>
      </SignInGate>
    </ClientProvider>
  </StrictMode>,
);

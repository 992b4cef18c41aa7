import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startRecordingProxy, type RecordingProxy } from './recordingProxy.js';

/** The flags DESIGN.md lists for Debian's Chromium on these machines. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium's own background services (component updater, autofill crowdsourcing, Google sign-in) still
 * phone home with the flags above. Only the last --disable-features switch counts, so Playwright's
 * default list is repeated here with the autofill and sign-in features added, and the service
 * endpoints are pointed at the loopback discard port. Without these, the recording proxy sees
 * update.googleapis.com, content-autofill.googleapis.com and accounts.google.com.
 */
const QUIET_BROWSER_FLAGS = [
  `--disable-features=${[
    // Playwright 1.65's defaults
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'ThirdPartyStoragePartitioning',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
    // ours
    'AutofillServerCommunication',
    'Translate',
    'CertificateTransparencyComponentUpdater',
    'ChromeSignin',
    'AccountConsistency',
  ].join(',')}`,
  '--component-updater=url-source=http://127.0.0.1:9/',
  '--gaia-url=http://127.0.0.1:9/',
  '--google-apis-url=http://127.0.0.1:9/',
  '--lso-url=http://127.0.0.1:9/',
];

/**
 * Chromium's vendor endpoints that some builds still contact despite the flags above (seen intermittently:
 * redirector.gvt1.com for component downloads). They come from the browser process, never from the
 * page, and the proxy refuses them; anything else reaching the proxy fails the suite.
 */
const BROWSER_VENDOR_HOSTS = /^(?:CONNECT |[A-Z]+ http:\/\/)(?:[a-z0-9-]+\.)*(?:google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(?::\d+)?(?:\/|$)/;

function isBrowserVendorService(request: string): boolean {
  return BROWSER_VENDOR_HOSTS.test(request);
}

/** Host names the page may talk to. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A name that can only resolve through the proxy; used to prove the recorder is really in the path. */
export const CANARY_HOST = 'canary.tandem-e2e.invalid';

export interface Session {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly proxy: RecordingProxy;
  /** URLs of requests the page made that were not to a loopback host. */
  readonly offLoopbackRequests: string[];
  /** Every request URL the page made, for evidence in failure messages. */
  readonly allRequests: string[];
  /** Uncaught exceptions and console errors in the page. */
  readonly pageErrors: string[];
  /** What reached the recording proxy apart from the canary and Chromium's own services. */
  proxiedRequests(): string[];
  /** Chromium's own background calls to its vendor (refused by the proxy, so they never left the machine). */
  browserServiceRequests(): string[];
  close(): Promise<void>;
}

/**
 * Launches Chromium with every non-loopback request routed to a recording proxy (loopback stays
 * direct), and watches each request the page makes. Before returning it sends one canary request to a
 * non-loopback name and checks the proxy saw it, so an empty recorder later really means "no traffic".
 */
export async function openSession(): Promise<Session> {
  const proxy = await startRecordingProxy();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, ...QUIET_BROWSER_FLAGS, `--proxy-server=http://127.0.0.1:${proxy.port}`, '--proxy-bypass-list=127.0.0.1;localhost;[::1]'],
  });
  const canaryContext = await browser.newContext();
  const canaryPage = await canaryContext.newPage();
  await canaryPage.goto(`http://${CANARY_HOST}/`).catch(() => undefined);
  await canaryContext.close();
  if (!proxy.requests.some((r) => r.includes(CANARY_HOST))) {
    await browser.close();
    await proxy.close();
    throw new Error(`The recording proxy did not see the canary request; the network assertion would be meaningless. Saw: ${proxy.requests.join(', ')}`);
  }

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const offLoopbackRequests: string[] = [];
  const allRequests: string[] = [];
  const check = (url: string): void => {
    allRequests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return;
    const { hostname, protocol } = new URL(url);
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(protocol) || !LOOPBACK_HOSTS.has(hostname)) offLoopbackRequests.push(url);
  };
  context.on('request', (request) => check(request.url()));
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  // WebSockets are not "requests" in Playwright's model; watch them separately.
  page.on('websocket', (socket) => check(socket.url()));

  return {
    browser,
    context,
    page,
    proxy,
    offLoopbackRequests,
    allRequests,
    pageErrors,
    proxiedRequests: () => proxy.requests.filter((r) => !r.includes(CANARY_HOST) && !isBrowserVendorService(r)),
    browserServiceRequests: () => proxy.requests.filter(isBrowserVendorService),
    async close() {
      await browser.close();
      await proxy.close();
    },
  };
}

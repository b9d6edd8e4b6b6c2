/**
 * The Electron security rules as plain functions (tested without an Electron binary): which external
 * links may open in the user's browser, the window's web preferences, and how app:// paths map to files.
 */
import path from 'node:path';

/** Sites a link in the app may open in the system browser: the ministry, the cipher committee, the CAs' help pages. */
export const VETTED_HOSTS = [
  'moet.gov.vn',
  'bcy.gov.vn',
  'ca.gov.vn',
  'rootca.gov.vn',
  'mic.gov.vn',
  'vnpt-ca.vn',
  'viettel-ca.vn',
  'fpt-ca.vn',
  'misa.vn',
];

/** https only, no credentials, no explicit port, and a host that is a vetted site or one of its subdomains. */
export function isVettedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const host = url.hostname.toLowerCase();
  return VETTED_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

/** The main window's webPreferences: the renderer gets no Node, runs sandboxed and isolated. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** Maps an app://hosoky/… request to a file inside the renderer folder, or undefined when it leaves it. */
export function rendererFileFor(requestUrl: string, rendererDir: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'app:' || url.host !== 'hosoky') return undefined;
  const root = path.resolve(rendererDir);
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  const file = path.resolve(root, rel === '' ? 'index.html' : rel);
  return file.startsWith(root + path.sep) ? file : undefined;
}

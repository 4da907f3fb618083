/**
 * Decides what a product's `image` field may point to. The app promises never to contact any
 * other origin than its own, so an image is only kept when it resolves to the catalog's own
 * origin (or is a relative path when no base URL is known). Script URLs are never kept.
 */

export type ImageRejection = 'unsafe-scheme' | 'foreign-origin' | 'invalid-url';

export type ImageResolution = { ok: true; url: string } | { ok: false; reason: ImageRejection };

/** Stand-in origin for resolving root-relative base URLs such as "/catalog/catalog.jsonl". */
const LOCAL_ORIGIN = 'http://sou.local.invalid';
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** Small raster data URLs are harmless (no request, no script); SVG data URLs are not allowed. */
const SAFE_DATA_URL = /^data:image\/(png|jpe?g|gif|webp|avif);base64,[a-zA-Z0-9+/=\s]+$/i;
const MAX_DATA_URL_LENGTH = 200_000;
/** Relative path without scheme, "..", ".", "//", query or odd characters. */
const SIMPLE_RELATIVE = /^(?![./])(?:[A-Za-z0-9_~%+-][A-Za-z0-9_~%+.-]*\/)*[A-Za-z0-9_~%+-][A-Za-z0-9_~%+.-]*$/;

let cachedBase: { baseUrl: string; folder: string | null } | null = null;

/** Root-relative folder of a base URL ("/catalog/"), or null when the base is not plain. */
function baseFolder(baseUrl: string): string | null {
  if (cachedBase?.baseUrl === baseUrl) return cachedBase.folder;
  let folder: string | null = null;
  try {
    const base = new URL(baseUrl, LOCAL_ORIGIN + '/');
    if (base.search === '' && base.hash === '') folder = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
  } catch {
    folder = null;
  }
  cachedBase = { baseUrl, folder };
  return folder;
}

/**
 * @param raw     the image field as written in the file
 * @param baseUrl the catalog file's URL (absolute or root-relative); when absent, only relative
 *                paths are accepted and are kept as written.
 * @returns the URL to store: a root-relative path ("/catalog/images/a.jpg") when a base URL is
 *          known, so the stored catalog keeps working if the app's host name or port changes.
 */
export function resolveImageUrl(raw: string, baseUrl?: string): ImageResolution {
  // Fast path for the common case, a plain relative path such as "images/a-1.jpg": URL parsing
  // costs microseconds per row, which adds up over 100k rows.
  if (SIMPLE_RELATIVE.test(raw)) {
    if (!baseUrl) return { ok: true, url: raw };
    const folder = baseFolder(baseUrl);
    if (folder !== null) return { ok: true, url: folder + raw };
  }
  // Browsers ignore tabs and newlines inside URLs ("java\tscript:"), so must we.
  const value = raw.replace(/[\u0000-\u0020\u007F]+/g, (m) => (/^ +$/.test(m) ? m : '')).trim();
  if (value === '') return { ok: true, url: '' };
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'data') {
    return value.length <= MAX_DATA_URL_LENGTH && SAFE_DATA_URL.test(value)
      ? { ok: true, url: value }
      : { ok: false, reason: 'unsafe-scheme' };
  }
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return { ok: false, reason: 'unsafe-scheme' };
  }

  if (baseUrl === undefined || baseUrl === '') {
    // Without a base we cannot know our own origin: any absolute URL ("https://…", "//host/…")
    // might be another one, so only relative paths are kept.
    if (scheme !== undefined || value.startsWith('//') || value.startsWith('\\\\')) {
      return { ok: false, reason: 'foreign-origin' };
    }
    try {
      new URL(value, LOCAL_ORIGIN + '/');
    } catch {
      return { ok: false, reason: 'invalid-url' };
    }
    // Kept as written: the reader resolves it against wherever the catalog file lives.
    return { ok: true, url: value };
  }

  let base: URL;
  let resolved: URL;
  try {
    base = new URL(baseUrl, LOCAL_ORIGIN + '/');
    resolved = new URL(value, base);
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  if (resolved.origin !== base.origin) return { ok: false, reason: 'foreign-origin' };
  return { ok: true, url: resolved.pathname + resolved.search + resolved.hash };
}

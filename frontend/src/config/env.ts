import { isLanguage, LANGUAGES, type Language } from '@/config/languages';

/** Build-time settings, checked once at start-up so a bad value fails loudly, not halfway through a page. */
export interface Env {
  /** Where the gateway is; '' means the same origin, which is how the gateway serves the SPA. */
  apiBaseUrl: string;
  /** The language used when the visitor has not chosen one and the browser prefers none we have. */
  defaultLanguage: Language;
}

const BASE_URL = /^https?:\/\/[^/\s]+(\/\S*[^/\s])?$/;

/** Reads and validates the VITE_* variables; throws one error that lists every problem. */
export function parseEnv(raw: Record<string, unknown>): Env {
  const problems: string[] = [];
  const apiBaseUrl = raw.VITE_API_BASE_URL ?? '';
  const defaultLanguage = raw.VITE_DEFAULT_LANGUAGE ?? 'en';

  if (typeof apiBaseUrl !== 'string' || (apiBaseUrl !== '' && !BASE_URL.test(apiBaseUrl))) {
    problems.push(
      `VITE_API_BASE_URL must be empty or an http(s) URL without a trailing slash, got ${JSON.stringify(apiBaseUrl)}`,
    );
  }
  if (!isLanguage(defaultLanguage)) {
    problems.push(`VITE_DEFAULT_LANGUAGE must be one of ${LANGUAGES.join(', ')}, got ${JSON.stringify(defaultLanguage)}`);
  }
  if (problems.length > 0 || typeof apiBaseUrl !== 'string' || !isLanguage(defaultLanguage)) {
    throw new Error(`Invalid environment:\n- ${problems.join('\n- ')}`);
  }
  return { apiBaseUrl, defaultLanguage };
}

export const env: Env = parseEnv(import.meta.env);

import { describe, expect, it } from 'vitest';

import { parseEnv } from '@/config/env';

describe('parseEnv', () => {
  it('defaults to the same origin and English', () => {
    expect(parseEnv({})).toEqual({ apiBaseUrl: '', defaultLanguage: 'en' });
  });

  it('accepts an absolute gateway URL and a bundled language', () => {
    expect(parseEnv({ VITE_API_BASE_URL: 'https://dla.example.lt/base', VITE_DEFAULT_LANGUAGE: 'lt' })).toEqual({
      apiBaseUrl: 'https://dla.example.lt/base',
      defaultLanguage: 'lt',
    });
  });

  it('names every bad setting at once', () => {
    expect(() => parseEnv({ VITE_API_BASE_URL: 'gateway:8000/', VITE_DEFAULT_LANGUAGE: 'fr' })).toThrow(
      /VITE_API_BASE_URL[\s\S]*VITE_DEFAULT_LANGUAGE must be one of en, lt/,
    );
  });
});

/**
 * Loads the ALTCHA widget in its CSP-friendly build: the proof-of-work runs in workers served from
 * our own origin (the gateway's CSP allows no blob: workers), and its strings come from our locale
 * files, so it speaks the interface language.
 */
import 'altcha/external';
import 'altcha/altcha.css';
import Argon2idWorker from 'altcha/workers/argon2id?worker';
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker';
import ScryptWorker from 'altcha/workers/scrypt?worker';
import ShaWorker from 'altcha/workers/sha?worker';

import { messages } from '@/config/languages';

const WORKERS: Record<string, () => Worker> = {
  'SHA-256': () => new ShaWorker(),
  'SHA-384': () => new ShaWorker(),
  'SHA-512': () => new ShaWorker(),
  'PBKDF2/SHA-256': () => new Pbkdf2Worker(),
  'PBKDF2/SHA-384': () => new Pbkdf2Worker(),
  'PBKDF2/SHA-512': () => new Pbkdf2Worker(),
  ARGON2ID: () => new Argon2idWorker(),
  SCRYPT: () => new ScryptWorker(),
};

for (const [algorithm, create] of Object.entries(WORKERS)) {
  globalThis.$altcha.algorithms.set(algorithm, create);
}

for (const [language, translation] of Object.entries(messages)) {
  globalThis.$altcha.i18n.set(language, translation.altcha.widget);
}

import 'i18next';

import type { Messages } from '@/config/languages';

// Type-checks every `t('...')` key against the reference locale.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

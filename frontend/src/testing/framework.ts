/** DigComp as the framework endpoint serves it, cut down to what the route tests name. */
import type { Framework } from '@/api/framework';

import { json, type Handler } from './fake-api';

const description = { en: '…', lt: '…' };

/** Two areas, three competences and the eight levels ("Level 3 name"). */
export function makeFramework(): Framework {
  return {
    key: 'digcomp-2.2',
    version: '2.2',
    title: { en: 'DigComp 2.2', lt: 'DigComp 2.2' },
    status: 'active',
    published_year: 2022,
    areas: [
      {
        code: '1',
        title: { en: 'Information and data literacy', lt: 'Informacinis ir duomenų raštingumas' },
        description,
        position: 1,
        competences: [{ code: '1.1', title: { en: 'Browsing and searching', lt: 'Naršymas ir paieška' }, description, position: 1 }],
      },
      {
        code: '4',
        title: { en: 'Safety', lt: 'Sauga' },
        description,
        position: 4,
        competences: [
          { code: '4.1', title: { en: 'Protecting devices', lt: 'Įrenginių apsauga' }, description, position: 1 },
          { code: '4.2', title: { en: 'Protecting personal data', lt: 'Asmens duomenų apsauga' }, description, position: 2 },
        ],
      },
    ],
    levels: Array.from({ length: 8 }, (_, i) => ({
      level: i + 1,
      band: 'foundation',
      name: { en: `Level ${String(i + 1)} name`, lt: `${String(i + 1)} lygio pavadinimas` },
      description,
    })),
  };
}

/** GET /api/assessment/frameworks/digcomp-2.2. */
export function frameworkHandler(): Handler {
  return () => json(makeFramework());
}

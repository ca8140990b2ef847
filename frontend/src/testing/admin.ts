import type { Organisation } from '@/features/admin/api/organisations';
import type { Person } from '@/features/admin/api/people';

import { json, type Handler } from './fake-api';
import { MINISTRY_ID, UNIT_ID } from './identity';

export const COUNTRY_ID = '00000000-0000-4000-a000-000000000001';
export const DEPARTMENT_ID = '00000000-0000-4000-a000-000000000003';
export const OPEN_GOV_UNIT_ID = '00000000-0000-4000-a000-000000000005';
export const HR_DEPARTMENT_ID = '00000000-0000-4000-a000-000000000006';

function org(id: string, parent: Organisation | null, kind: Organisation['kind'], code: string, en: string, lt: string, domains: string[] = []): Organisation {
  return {
    id,
    parent_id: parent?.id ?? null,
    code,
    kind,
    name: { en, lt },
    email_domains: domains,
    path: [...(parent?.path ?? []), id],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

/** Lithuania > Ministry of the Interior > two departments > units. */
export function organisationTree(): Organisation[] {
  const country = org(COUNTRY_ID, null, 'country', 'lt', 'Lithuania', 'Lietuva');
  const ministry = org(MINISTRY_ID, country, 'ministry', 'lt-vrm', 'Ministry of the Interior', 'Vidaus reikalų ministerija', ['vrm.lt']);
  const department = org(DEPARTMENT_ID, ministry, 'department', 'lt-vrm-digital', 'Digital Policy Department', 'Skaitmeninės politikos departamentas');
  const hr = org(HR_DEPARTMENT_ID, ministry, 'department', 'lt-vrm-hr', 'HR Department', 'Personalo departamentas');
  const unit = org(UNIT_ID, department, 'unit', 'lt-vrm-digital-data', 'Data Unit', 'Duomenų skyrius');
  const openGov = org(OPEN_GOV_UNIT_ID, department, 'unit', 'lt-vrm-digital-open', 'Open Government Unit', 'Atvirosios valdžios skyrius');
  return [country, ministry, department, hr, unit, openGov];
}

/** The organisations list endpoint over `organisations`, paged like the service. */
export function organisationsHandler(organisations: readonly Organisation[] = organisationTree()): Record<string, Handler> {
  return {
    'GET /api/identity/organisations': (url) => {
      const limit = Number(url.searchParams.get('limit') ?? '20');
      const offset = Number(url.searchParams.get('offset') ?? '0');
      return json({ items: organisations.slice(offset, offset + limit), total: organisations.length, limit, offset });
    },
  };
}

let sequence = 0;

export function makePerson(overrides: Partial<Person> = {}): Person {
  sequence += 1;
  return {
    id: `00000000-0000-4000-b000-${String(sequence).padStart(12, '0')}`,
    email: `person${sequence}@vrm.lt`,
    display_name: `Person ${sequence}`,
    given_name: 'Person',
    family_name: String(sequence),
    unit_id: UNIT_ID,
    supervisor_id: null,
    roles: ['learner'],
    grants: [],
    status: 'active',
    ...overrides,
  };
}

/** GET /people over `people`, with the service's q, unit (subtree) and status filters and paging. */
export function peopleHandler(people: readonly Person[], organisations: readonly Organisation[] = organisationTree()): Handler {
  return (url) => {
    const q = url.searchParams.get('q')?.toLowerCase();
    const unit = url.searchParams.get('unit_id');
    const status = url.searchParams.get('status');
    const limit = Number(url.searchParams.get('limit') ?? '20');
    const offset = Number(url.searchParams.get('offset') ?? '0');
    const inUnit = (person: Person) =>
      !unit || organisations.find((o) => o.id === person.unit_id)?.path.includes(unit) === true;
    const matching = people.filter(
      (person) =>
        (!q || person.display_name.toLowerCase().includes(q) || person.email.includes(q)) &&
        inUnit(person) &&
        (!status || person.status === status),
    );
    return json({ items: matching.slice(offset, offset + limit), total: matching.length, limit, offset });
  };
}

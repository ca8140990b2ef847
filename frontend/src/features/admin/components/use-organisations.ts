import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { pickText } from '@/lib/localized-text';

import { buildTree, flatten, organisationsQueryOptions, type Organisation } from '../api/organisations';

/** The visible organisations with their names in the interface language, as a tree and by id. */
export function useOrganisations() {
  const { i18n } = useTranslation();
  const query = useQuery(organisationsQueryOptions());
  const { data } = query;
  const language = i18n.language;
  const derived = useMemo(() => {
    const nameOf = (organisation: Organisation) => pickText(organisation.name, language)?.text ?? organisation.code;
    const tree = buildTree(data ?? [], nameOf);
    const byId = new Map((data ?? []).map((organisation) => [organisation.id, organisation]));
    return {
      tree,
      flat: flatten(tree),
      nameOf,
      byId,
      nameById: (id: string | null | undefined) => {
        const organisation = id ? byId.get(id) : undefined;
        return organisation ? nameOf(organisation) : (id ?? '');
      },
    };
  }, [data, language]);
  return { query, ...derived };
}

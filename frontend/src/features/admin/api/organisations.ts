import { queryOptions } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Organisation = components['schemas']['identity.Organisation'];

export interface OrganisationNode {
  organisation: Organisation;
  children: OrganisationNode[];
}

const BATCH = 100;

/** Every organisation the caller may see (the API limits it to their tenant), fetched in batches. */
async function fetchAll(signal: AbortSignal): Promise<Organisation[]> {
  const all: Organisation[] = [];
  for (let offset = 0; ; offset += BATCH) {
    const page = await unwrap(
      api.GET('/api/identity/organisations', { params: { query: { limit: BATCH, offset } }, signal }),
    );
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}

export function organisationsQueryOptions() {
  return queryOptions({
    queryKey: ['identity', 'organisations', 'all'],
    queryFn: ({ signal }) => fetchAll(signal),
    staleTime: 60_000,
  });
}

/** The organisations as a forest: each visible organisation under its parent, roots where the parent is out of reach. */
export function buildTree(organisations: readonly Organisation[], byName: (o: Organisation) => string): OrganisationNode[] {
  const nodes = new Map(organisations.map((organisation) => [organisation.id, { organisation, children: [] as OrganisationNode[] }]));
  const roots: OrganisationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.organisation.parent_id ? nodes.get(node.organisation.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrganisationNode[]) => {
    list.sort((a, b) => byName(a.organisation).localeCompare(byName(b.organisation)));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Depth-first list with each organisation's depth, for indented pickers. */
export function flatten(nodes: readonly OrganisationNode[], depth = 0): { organisation: Organisation; depth: number }[] {
  return nodes.flatMap((node) => [{ organisation: node.organisation, depth }, ...flatten(node.children, depth + 1)]);
}

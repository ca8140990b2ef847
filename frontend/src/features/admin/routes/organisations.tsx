import { useState } from 'react';
import { Button, Tree, TreeItem, TreeItemContent, type Key, type Selection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';

import type { OrganisationNode } from '../api/organisations';
import { useOrganisations } from '../components/use-organisations';

function OrganisationItem({ node, nameOf }: { node: OrganisationNode; nameOf: (node: OrganisationNode) => string }) {
  const { t } = useTranslation();
  const name = nameOf(node);
  return (
    <TreeItem id={node.organisation.id} textValue={name} className="tree__item">
      <TreeItemContent>
        {({ hasChildItems, isExpanded }) => (
          <div className="tree__row">
            {hasChildItems ? (
              <Button slot="chevron" className="tree__chevron">
                <span aria-hidden="true">{isExpanded ? '▾' : '▸'}</span>
              </Button>
            ) : (
              <span className="tree__spacer" aria-hidden="true" />
            )}
            <span className="tree__name">{name}</span>
            <span className="tree__kind">{t(`organisations.kind.${node.organisation.kind}`)}</span>
          </div>
        )}
      </TreeItemContent>
      {node.children.map((child) => (
        <OrganisationItem key={child.organisation.id} node={child} nameOf={nameOf} />
      ))}
    </TreeItem>
  );
}

/** The organisation tree (arrow keys move, open and close branches), and the chosen organisation's details. */
export function OrganisationsRoute() {
  const { t } = useTranslation();
  const { query, tree, byId, nameOf } = useOrganisations();
  const [selected, setSelected] = useState<Key | null>(null);
  const [expanded, setExpanded] = useState<Set<Key> | null>(null);

  const nodeName = (node: OrganisationNode) => nameOf(node.organisation);
  // The top levels start open, so the first view shows the ministries and their departments.
  const expandedKeys = expanded ?? new Set<Key>(tree.map((node) => node.organisation.id));
  const chosen = typeof selected === 'string' ? byId.get(selected) : undefined;

  let body;
  if (query.isPending) body = <Loading label={t('organisations.loading')} />;
  else if (query.isError) {
    body = <QueryError title={t('organisations.loadFailed')} error={query.error} onRetry={() => void query.refetch()} />;
  } else if (tree.length === 0) {
    body = (
      <div className="empty-state">
        <h2>{t('organisations.empty')}</h2>
      </div>
    );
  } else {
    body = (
      <div className="split">
        <Tree
          aria-label={t('organisations.treeLabel')}
          className="tree"
          selectionMode="single"
          selectedKeys={selected ? [selected] : []}
          onSelectionChange={(keys: Selection) => {
            if (keys !== 'all') setSelected([...keys][0] ?? null);
          }}
          expandedKeys={expandedKeys}
          onExpandedChange={(keys) => {
            setExpanded(new Set(keys));
          }}
        >
          {tree.map((node) => (
            <OrganisationItem key={node.organisation.id} node={node} nameOf={nodeName} />
          ))}
        </Tree>
        <section aria-labelledby="organisation-details" className="panel" aria-live="polite">
          {chosen ? (
            <>
              <h2 id="organisation-details">{nameOf(chosen)}</h2>
              <dl className="facts facts--stacked">
                <div>
                  <dt>{t('organisations.kindLabel')}</dt>
                  <dd>{t(`organisations.kind.${chosen.kind}`)}</dd>
                </div>
                <div>
                  <dt>{t('organisations.code')}</dt>
                  <dd>{chosen.code}</dd>
                </div>
                <div>
                  <dt>{t('organisations.domains')}</dt>
                  <dd>{chosen.email_domains.length > 0 ? chosen.email_domains.join(', ') : t('organisations.noDomains')}</dd>
                </div>
              </dl>
              <p>
                <Link to={`/admin/people?unit=${chosen.id}`}>{t('organisations.peopleHere')}</Link>
              </p>
            </>
          ) : (
            <>
              <h2 id="organisation-details">{t('organisations.detailsTitle')}</h2>
              <p>{t('organisations.chooseHint')}</p>
            </>
          )}
        </section>
      </div>
    );
  }

  return (
    <Page title={t('organisations.title')}>
      <p>{t('organisations.intro')}</p>
      {body}
    </Page>
  );
}

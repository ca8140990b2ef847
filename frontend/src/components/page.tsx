import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The id of every page's main heading; the layout moves focus there after a navigation. */
export const PAGE_HEADING_ID = 'page-heading';

interface PageProps {
  title: string;
  children: ReactNode;
}

/** A routed page: sets the document title (in the current language) and renders the one main heading. */
export function Page({ title, children }: PageProps) {
  const { t } = useTranslation();
  const documentTitle = t('app.documentTitle', { page: title });
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);

  return (
    <>
      <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}

import { useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  /** Called with the offset of the page the visitor asked for. */
  onChange: (offset: number) => void;
}

/** "Showing x–y of z" (announced politely when it changes) and previous/next buttons. */
export function Pagination({ offset, limit, total, onChange }: PaginationProps) {
  const { t } = useTranslation();
  const summary = useRef<HTMLParagraphElement>(null);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));

  const go = (nextOffset: number) => {
    // The pressed button may become disabled on the new page; keep focus on the summary instead of losing it.
    summary.current?.focus();
    onChange(nextOffset);
  };

  return (
    <div className="pagination">
      <p ref={summary} role="status" tabIndex={-1} className="pagination__summary">
        {t('pagination.showing', { from: Math.min(offset + 1, total), to: Math.min(offset + limit, total), total })}
      </p>
      {pages > 1 && (
        <nav aria-label={t('pagination.label')} className="pagination__nav">
          <Button isDisabled={page <= 1} onPress={() => {
              go(Math.max(0, offset - limit));
            }}>
            {t('pagination.previous')}
          </Button>
          <span>{t('pagination.page', { page, pages })}</span>
          <Button isDisabled={page >= pages} onPress={() => {
              go(offset + limit);
            }}>
            {t('pagination.next')}
          </Button>
        </nav>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  isPending?: boolean;
  /** A destructive action: the confirm button is styled as a warning. */
  destructive?: boolean;
}

/** A modal question (role="alertdialog"): focus is trapped inside, Escape or Cancel closes it. */
export function ConfirmDialog({
  isOpen,
  onOpenChange,
  title,
  children,
  confirmLabel,
  onConfirm,
  isPending = false,
  destructive = false,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!isPending} className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title" className="dialog__title">
            {title}
          </Heading>
          {children}
          <div className="dialog__actions">
            <Button
              className={destructive ? 'react-aria-Button button--danger' : 'react-aria-Button'}
              isPending={isPending}
              onPress={onConfirm}
            >
              {confirmLabel}
            </Button>
            <Button
              className="react-aria-Button button--secondary"
              isDisabled={isPending}
              onPress={() => {
                onOpenChange(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

import { useState } from 'react';
import { Button, Dialog, Heading, Input, Label, Modal, ModalOverlay, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { ClientWithSecret } from '../api/clients';

interface SecretDialogProps {
  secret: ClientWithSecret | null;
  onClose: () => void;
}

/**
 * The client secret, shown this once: a warning, the values to copy, and a copy button. It closes
 * only by the explicit button, so the secret is not lost to a stray Escape or click outside.
 */
export function SecretDialog({ secret, onClose }: SecretDialogProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.client_secret);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      setCopyFailed(true);
    }
  };

  return (
    <ModalOverlay isOpen={secret !== null} isDismissable={false} isKeyboardDismissDisabled className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('clients.secret.title')}
          </Heading>
          <p className="warning">{t('clients.secret.warning')}</p>
          {secret && (
            <>
              <TextField className="field" value={secret.client_id} isReadOnly>
                <Label className="field__label">{t('clients.clientId')}</Label>
                <Input className="field__input field__input--code" />
              </TextField>
              <TextField className="field" value={secret.client_secret} isReadOnly>
                <Label className="field__label">{t('clients.secret.label')}</Label>
                <Input className="field__input field__input--code" />
              </TextField>
            </>
          )}
          <div className="dialog__actions">
            <Button onPress={() => void copy()}>{t('clients.secret.copy')}</Button>
            <Button
              className="react-aria-Button button--secondary"
              onPress={() => {
                setCopied(false);
                setCopyFailed(false);
                onClose();
              }}
            >
              {t('clients.secret.done')}
            </Button>
          </div>
          <div role="status">
            {copied && <p className="notice">{t('clients.secret.copied')}</p>}
            {copyFailed && <p className="field__error">{t('clients.secret.copyFailed')}</p>}
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

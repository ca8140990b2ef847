import { useState } from 'react';
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { TextInput } from '@/components/text-input';
import { requiredText } from '@/lib/form-errors';

interface RequestChangesDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onRequest: (note: string) => void;
  isPending: boolean;
}

/** Sends the item in review back to draft, with a note saying what to change. */
export function RequestChangesDialog({ isOpen, onOpenChange, onRequest, isPending }: RequestChangesDialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!isPending} className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('catalogEditor.workflow.requestTitle')}
          </Heading>
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              if (note.trim()) onRequest(note.trim());
            }}
          >
            <TextInput
              label={t('catalogEditor.workflow.note')}
              description={t('catalogEditor.workflow.noteHint')}
              multiline
              isRequired
              maxLength={1000}
              validate={requiredText(t)}
              value={note}
              onChange={setNote}
            />
            <div className="dialog__actions">
              <Button type="submit" isPending={isPending}>
                {t('catalogEditor.workflow.request')}
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
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

import { useState } from 'react';
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { TextInput } from '@/components/text-input';
import { requiredText } from '@/lib/form-errors';

interface RejectDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onReject: (comment: string) => void;
  isPending: boolean;
}

/** Sends the version in review back to its author, with a comment saying what to change. */
export function RejectDialog({ isOpen, onOpenChange, onReject, isPending }: RejectDialogProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!isPending} className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('itemEditor.workflow.rejectTitle')}
          </Heading>
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              if (comment.trim()) onReject(comment.trim());
            }}
          >
            <TextInput
              label={t('itemEditor.workflow.comment')}
              description={t('itemEditor.workflow.commentHint')}
              multiline
              isRequired
              validate={requiredText(t)}
              value={comment}
              onChange={setComment}
            />
            <div className="dialog__actions">
              <Button type="submit" isPending={isPending}>
                {t('itemEditor.workflow.reject')}
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

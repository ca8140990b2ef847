import { useState } from 'react';
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { TextInput } from '@/components/text-input';
import { requiredText } from '@/lib/form-errors';

interface NoteDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  /** The note, trimmed; the dialog sends nothing while it is empty. */
  onSubmit: (note: string) => void;
  isPending: boolean;
  title: string;
  /** The note field's label and hint ("What should change", "The author sees this…"). */
  label: string;
  description: string;
  submitLabel: string;
  maxLength?: number;
}

/** A modal asking for a required note before a step (send a version back with what to change). */
export function NoteDialog({ isOpen, onOpenChange, onSubmit, isPending, title, label, description, submitLabel, maxLength }: NoteDialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!isPending} className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {title}
          </Heading>
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              if (note.trim()) onSubmit(note.trim());
            }}
          >
            <TextInput
              label={label}
              description={description}
              multiline
              isRequired
              {...(maxLength ? { maxLength } : {})}
              validate={requiredText(t)}
              value={note}
              onChange={setNote}
            />
            <div className="dialog__actions">
              <Button type="submit" isPending={isPending}>
                {submitLabel}
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

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Button, CheckboxGroup, Dialog, Form, Heading, Label, Modal, ModalOverlay, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { CheckBox } from '@/components/choice';
import { ProblemAlert } from '@/components/problem-message';
import { TextInput } from '@/components/text-input';
import { emailText, fieldErrors, requiredText } from '@/lib/form-errors';

import { GRANT_ROLES, invite, type Invitation, type InvitationInput } from '../api/people';
import { OrganisationPicker } from './organisation-picker';
import { roleLabel } from './role-label';

interface InviteDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onInvited: (invitation: Invitation, email: string) => void;
  defaultUnit?: string;
}

/** Invites someone by e-mail into a unit, optionally with HR or administrator rights over that unit. */
export function InviteDialog({ isOpen, onOpenChange, onInvited, defaultUnit = '' }: InviteDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ email: '', display_name: '', unit_id: defaultUnit });
  const [grants, setGrants] = useState<string[]>([]);
  const [unitError, setUnitError] = useState<string>();
  const send = useMutation({
    mutationFn: invite,
    onSuccess: async (invitation, input) => {
      await queryClient.invalidateQueries({ queryKey: ['identity', 'invitations'] });
      setValues({ email: '', display_name: '', unit_id: defaultUnit });
      setGrants([]);
      onInvited(invitation, input.email);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!values.unit_id) {
      setUnitError(t('people.invite.unitRequired'));
      return;
    }
    const input: InvitationInput = {
      email: values.email.trim(),
      display_name: values.display_name.trim(),
      unit_id: values.unit_id,
      roles: ['learner'],
      grants: grants.map((role) => ({ role, organisation_id: values.unit_id })),
    };
    send.mutate(input);
  };

  const errors = fieldErrors(send.error, t);
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!send.isPending} className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('people.invite.title')}
          </Heading>
          <p>{t('people.invite.intro')}</p>
          {send.isError && <ProblemAlert error={send.error} title={t('people.invite.failed')} />}
          <Form className="form" validationErrors={errors} onSubmit={submit}>
            <TextInput
              label={t('fields.email')}
              name="email"
              type="email"
              isRequired
              validate={emailText(t)}
              value={values.email}
              onChange={(email) => {
                setValues((current) => ({ ...current, email }));
              }}
            />
            <TextInput
              label={t('fields.displayName')}
              name="display_name"
              isRequired
              validate={requiredText(t)}
              value={values.display_name}
              onChange={(display_name) => {
                setValues((current) => ({ ...current, display_name }));
              }}
            />
            <OrganisationPicker
              label={t('people.unit')}
              emptyLabel={t('people.invite.chooseUnit')}
              value={values.unit_id}
              onChange={(unit_id) => {
                setUnitError(undefined);
                setValues((current) => ({ ...current, unit_id }));
              }}
            />
            {unitError && (
              <p role="alert" className="field__error">
                {unitError}
              </p>
            )}
            <CheckboxGroup className="choice-group" value={grants} onChange={setGrants}>
              <Label className="field__label">{t('people.invite.rights')}</Label>
              <Text slot="description" className="field__description">
                {t('people.invite.rightsHint')}
              </Text>
              {GRANT_ROLES.map((role) => (
                <CheckBox key={role} value={role}>
                  {roleLabel(role, t)}
                </CheckBox>
              ))}
            </CheckboxGroup>
            <div className="dialog__actions">
              <Button type="submit" isPending={send.isPending}>
                {t('people.invite.submit')}
              </Button>
              <Button
                className="react-aria-Button button--secondary"
                isDisabled={send.isPending}
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

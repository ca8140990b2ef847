import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Button, CheckboxGroup, Dialog, Form, Heading, Label, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { CheckBox } from '@/components/choice';
import { ProblemAlert } from '@/components/problem-message';
import { TextInput } from '@/components/text-input';
import { fieldErrors, requiredText } from '@/lib/form-errors';

import { CLIENT_SCOPES, createApiClient, type ClientWithSecret } from '../api/clients';
import { OrganisationPicker } from './organisation-picker';

interface CreateClientDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (secret: ClientWithSecret) => void;
}

/** A new machine client for an HR system, limited to one organisation's subtree and the chosen scopes. */
export function CreateClientDialog({ isOpen, onOpenChange, onCreated }: CreateClientDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [scopes, setScopes] = useState<string[]>(['scim', 'hr.read']);
  const [localError, setLocalError] = useState<string>();
  const create = useMutation({
    mutationFn: createApiClient,
    onSuccess: async (secret) => {
      await queryClient.invalidateQueries({ queryKey: ['identity', 'clients'] });
      setName('');
      setScopes(['scim', 'hr.read']);
      onCreated(secret);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const missing = !organisation ? t('clients.create.organisationRequired') : scopes.length === 0 ? t('clients.create.scopesRequired') : undefined;
    setLocalError(missing);
    if (missing) return;
    create.mutate({ name: name.trim(), organisation_id: organisation, scopes });
  };

  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={!create.isPending} className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('clients.create.title')}
          </Heading>
          <p>{t('clients.create.intro')}</p>
          {create.isError && <ProblemAlert error={create.error} title={t('clients.create.failed')} />}
          <Form className="form" validationErrors={fieldErrors(create.error, t)} onSubmit={submit}>
            <TextInput
              label={t('clients.name')}
              description={t('clients.create.nameHint')}
              name="name"
              isRequired
              maxLength={200}
              validate={requiredText(t)}
              value={name}
              onChange={setName}
            />
            <OrganisationPicker
              label={t('clients.organisation')}
              emptyLabel={t('clients.create.chooseOrganisation')}
              value={organisation}
              onChange={setOrganisation}
            />
            <CheckboxGroup className="choice-group" value={scopes} onChange={setScopes}>
              <Label className="field__label">{t('clients.scopes')}</Label>
              {CLIENT_SCOPES.map((scope) => (
                <CheckBox key={scope} value={scope}>
                  {t(`clients.scope.${scope === 'hr.read' ? 'hrRead' : scope}`)}
                </CheckBox>
              ))}
            </CheckboxGroup>
            {localError && (
              <p role="alert" className="field__error">
                {localError}
              </p>
            )}
            <div className="dialog__actions">
              <Button type="submit" isPending={create.isPending}>
                {t('clients.create.submit')}
              </Button>
              <Button
                className="react-aria-Button button--secondary"
                isDisabled={create.isPending}
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

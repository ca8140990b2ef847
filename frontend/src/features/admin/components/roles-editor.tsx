import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, CheckboxGroup, Label, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { CheckBox } from '@/components/choice';
import { ProblemAlert } from '@/components/problem-message';
import { SelectField } from '@/components/select-field';
import { useSession } from '@/lib/auth-context';

import { GLOBAL_ROLES, GRANT_ROLES, setRoles, type GrantRole, type Person, type RoleGrant } from '../api/people';
import { OrganisationPicker } from './organisation-picker';
import { roleLabel } from './role-label';
import { useOrganisations } from './use-organisations';

/** Global roles and organisation-scoped rights (HR manager, organisation administrator) of one person. */
export function RolesEditor({ person }: { person: Person }) {
  const { t } = useTranslation();
  const { claims } = useSession();
  const queryClient = useQueryClient();
  const { nameById } = useOrganisations();
  const [roles, setRolesState] = useState<string[]>(() =>
    person.roles.filter((role) => (GLOBAL_ROLES as readonly string[]).includes(role)),
  );
  const [grants, setGrants] = useState<RoleGrant[]>(() => person.grants ?? []);
  const [newRole, setNewRole] = useState<GrantRole>('hr_manager');
  const [newOrganisation, setNewOrganisation] = useState(person.unit_id);
  const callerIsPlatformAdmin = claims?.roles.includes('platform_admin') ?? false;

  const save = useMutation({
    mutationFn: () => setRoles(person.id, { roles, grants }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['identity', 'people'] }),
  });

  const addGrant = () => {
    if (!newOrganisation) return;
    if (grants.some((grant) => grant.role === newRole && grant.organisation_id === newOrganisation)) return;
    setGrants([...grants, { role: newRole, organisation_id: newOrganisation }]);
  };

  return (
    <section aria-labelledby="roles-heading" className="panel">
      <h2 id="roles-heading">{t('person.roles.title')}</h2>
      <CheckboxGroup className="choice-group" value={roles} onChange={setRolesState}>
        <Label className="field__label">{t('person.roles.global')}</Label>
        {GLOBAL_ROLES.map((role) => (
          <CheckBox
            key={role}
            value={role}
           
            isDisabled={role === 'platform_admin' && !callerIsPlatformAdmin}
          >
            {roleLabel(role, t)}
          </CheckBox>
        ))}
      </CheckboxGroup>

      <h3>{t('person.roles.grants')}</h3>
      <p className="field__description">{t('person.roles.grantsHint')}</p>
      {grants.length === 0 ? (
        <p>{t('person.roles.noGrants')}</p>
      ) : (
        <ul className="grant-list">
          {grants.map((grant) => {
            const text = t('person.roles.grantText', {
              role: roleLabel(grant.role, t),
              organisation: nameById(grant.organisation_id),
            });
            return (
              <li key={`${grant.role}:${grant.organisation_id}`}>
                <span>{text}</span>
                <Button
                  className="react-aria-Button button--secondary"
                  aria-label={t('person.roles.removeGrant', { grant: text })}
                  onPress={() => {
                    setGrants(grants.filter((other) => other !== grant));
                  }}
                >
                  {t('person.roles.remove')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="grant-add" role="group" aria-labelledby="grant-add-label">
        <p id="grant-add-label" className="field__label">
          {t('person.roles.addTitle')}
        </p>
        <SelectField
          label={t('person.roles.right')}
          value={newRole}
          options={GRANT_ROLES.map((role) => ({ id: role, label: roleLabel(role, t) }))}
          onChange={(role) => {
            setNewRole(GRANT_ROLES.find((known) => known === role) ?? 'hr_manager');
          }}
        />
        <OrganisationPicker label={t('person.roles.over')} value={newOrganisation} onChange={setNewOrganisation} />
        <Button className="react-aria-Button button--secondary" onPress={addGrant}>
          {t('person.roles.add')}
        </Button>
      </div>
      <Text slot="description" className="field__description">
        {t('person.roles.saveHint')}
      </Text>
      <div className="form__actions">
        <Button isPending={save.isPending} onPress={() => { save.mutate(); }}>
          {t('person.roles.save')}
        </Button>
      </div>
      <div role="status">{save.isSuccess && <p className="notice">{t('person.roles.saved')}</p>}</div>
      {save.isError && <ProblemAlert error={save.error} title={t('person.roles.saveFailed')} />}
    </section>
  );
}

import type { ProfileInput } from '@/api/identity';
import { useTranslation } from 'react-i18next';

import { chooseLanguage } from '@/lib/i18n';

import { useSaveProfile } from '../api';

/** Saves the profile and switches the interface to its language; the shell applies the accessibility choices. */
export function useSaveAndApply(onSaved?: () => void) {
  const { i18n } = useTranslation();
  const save = useSaveProfile();
  const submit = (profile: ProfileInput) => {
    save.mutate(profile, {
      onSuccess: (saved) => {
        void (async () => {
          if (saved.preferred_language !== i18n.language) await chooseLanguage(i18n, saved.preferred_language);
          onSaved?.();
        })();
      },
    });
  };
  return { save, submit };
}

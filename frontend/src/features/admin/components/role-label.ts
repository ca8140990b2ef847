import type { TFunction } from 'i18next';

const KNOWN = ['learner', 'content_editor', 'mentor', 'platform_admin', 'supervisor', 'hr_manager', 'org_admin'] as const;

/** A role's name in the interface language; an unknown role shows as its key. */
export function roleLabel(role: string, t: TFunction): string {
  return (KNOWN as readonly string[]).includes(role) ? t(`roles.${role as (typeof KNOWN)[number]}`) : role;
}

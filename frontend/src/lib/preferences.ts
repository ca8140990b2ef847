import type { Accessibility } from '@/api/identity';

/** Classes on <html> that the stylesheet answers to, one per accessibility preference the SPA applies. */
export const ACCESSIBILITY_CLASSES = {
  larger_text: 'pref-larger-text',
  reduced_motion: 'pref-reduced-motion',
} as const satisfies Partial<Record<keyof Accessibility, string>>;

/** Applies the person's accessibility preferences to the whole page (or removes them, given null). */
export function applyAccessibility(preferences: Accessibility | null): void {
  const { classList } = document.documentElement;
  for (const [key, className] of Object.entries(ACCESSIBILITY_CLASSES)) {
    classList.toggle(className, preferences?.[key as keyof typeof ACCESSIBILITY_CLASSES] ?? false);
  }
}

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { request } from '@/api/http';
import { ME_KEY, PROFILE_KEY, type Profile, type ProfileInput } from '@/api/identity';

/** Saves the whole digital profile (the API replaces it); the first save completes onboarding. */
export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: ProfileInput) => request<Profile>('PUT', '/api/identity/me/profile', { body: profile }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(PROFILE_KEY, saved);
      await queryClient.invalidateQueries({ queryKey: ME_KEY, exact: true });
    },
  });
}

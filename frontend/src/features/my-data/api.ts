import { request, send } from '@/api/http';

/** Everything identity keeps about me, as the JSON file the API sends. */
export async function downloadMyData(): Promise<Blob> {
  const response = await send('GET', '/api/identity/me/export');
  return response.blob();
}

/** Erases my account: personal fields cleared, sessions ended, tokens revoked. */
export function eraseMyAccount(): Promise<void> {
  return request<undefined>('POST', '/api/identity/me/erasure', { body: { confirm: true } });
}

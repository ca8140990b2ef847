import { expect, type APIRequestContext } from '@playwright/test';

/**
 * The development mailbox of the running platform (`make run`, development environment):
 * /api/identity/dev/mailbox holds every e-mail identity queued, newest first.
 */

interface MailboxItem {
  kind: string;
  subject: string;
  links: string[];
}

/**
 * The first link whose path matches `path` in the newest e-mail to `to` (of `kind`, when given),
 * waiting for the mail to be queued; as a path and query, since the mail names the public address
 * and the browser stays on the one under test.
 */
export async function mailedLink(request: APIRequestContext, to: string, path: string | RegExp, kind?: string): Promise<string> {
  const matches = (candidate: string) => {
    const { pathname } = new URL(candidate);
    return typeof path === 'string' ? pathname === path : path.test(pathname);
  };
  let link: string | undefined;
  await expect(async () => {
    const response = await request.get(`/api/identity/dev/mailbox?to=${encodeURIComponent(to)}`);
    expect(response.ok()).toBe(true);
    const { items } = (await response.json()) as { items: MailboxItem[] };
    link = items
      .filter((item) => kind === undefined || item.kind === kind)
      .flatMap((item) => item.links)
      .find(matches);
    expect(link).toBeDefined();
  }).toPass({ timeout: 15_000 });
  const url = new URL(link ?? '');
  return `${url.pathname}${url.search}`;
}

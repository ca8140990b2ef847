/** What the SPA reads from its access token (RFC 9068 + DLA claims) to decide what to offer. */

export interface Grant {
  role: string;
  org: string;
}

export interface AccessClaims {
  sub: string;
  roles: readonly string[];
  grants: readonly Grant[];
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replaceAll('-', '+').replaceAll('_', '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function isGrant(value: unknown): value is Grant {
  if (typeof value !== 'object' || value === null) return false;
  const { role, org } = value as Record<string, unknown>;
  return typeof role === 'string' && typeof org === 'string';
}

/**
 * The claims of an access token, without checking its signature: the SPA only uses them to choose
 * which screens to show; every API checks the token itself.
 */
export function readClaims(accessToken: string): AccessClaims {
  try {
    const payload = decodeSegment(accessToken.split('.')[1] ?? '') as Record<string, unknown>;
    return {
      sub: typeof payload.sub === 'string' ? payload.sub : '',
      roles: Array.isArray(payload.roles) ? payload.roles.filter((role) => typeof role === 'string') : [],
      grants: Array.isArray(payload.grants) ? payload.grants.filter(isGrant) : [],
    };
  } catch {
    return { sub: '', roles: [], grants: [] };
  }
}

/** Which administration screens a person may use. */
export interface AdminAccess {
  organisations: boolean;
  people: boolean;
  clients: boolean;
  audit: boolean;
}

export function adminAccess(claims: AccessClaims | null): AdminAccess {
  const platformAdmin = claims?.roles.includes('platform_admin') ?? false;
  const holds = (...roles: string[]) => platformAdmin || (claims?.grants.some((grant) => roles.includes(grant.role)) ?? false);
  return {
    organisations: holds('org_admin', 'hr_manager'),
    people: holds('org_admin', 'hr_manager'),
    clients: holds('org_admin'),
    audit: holds('org_admin', 'hr_manager'),
  };
}

export function hasAdminAccess(access: AdminAccess): boolean {
  return access.organisations || access.people || access.clients || access.audit;
}

/** Whether the token lets a person write and review content (the item bank, the catalog): content editors, and platform admins. */
export function canEditContent(claims: AccessClaims | null): boolean {
  return claims?.roles.some((role) => role === 'content_editor' || role === 'platform_admin') ?? false;
}

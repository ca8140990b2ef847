"""Identity: organisations (and later people, profiles, OIDC and SCIM)."""

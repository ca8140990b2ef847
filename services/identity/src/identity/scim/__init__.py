"""SCIM 2.0 provisioning (RFC 7643/7644) at `/scim/v2` for HR systems: people as Users,
organisation units as Groups, within the calling client's organisation subtree."""

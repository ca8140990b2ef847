"""Transactional outbox, signed webhook delivery (Standard Webhooks) and the consumer inbox."""

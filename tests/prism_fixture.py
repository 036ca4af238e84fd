"""Prism serving Twilio's own OpenAPI spec (filled in by the specialists/voice work)."""

"""Where reminders go: 企业微信 and 钉钉 group robots, e-mail (docs/commands.md, `remind`).

Used by commands only; may use core and output. Secrets come from environment variables the
configuration names, and no message this layer raises holds one (nor a webhook's key)."""

"""File formats kexie writes and reads back, each one module owning both directions."""

"""The question bank: one TOML file per part of the template (data, not code)."""

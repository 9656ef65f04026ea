"""Output formats. Every renderer treats user text as data: escaping lives here."""

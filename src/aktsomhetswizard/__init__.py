"""aktsomhetswizard: write and check the yearly due-diligence statement (åpenhetsloven)."""

__version__ = "0.1.0"

"""kotakembar: sister-city cooperation extracted from Indonesian theses into auditable tables."""

__version__ = "0.1.0"

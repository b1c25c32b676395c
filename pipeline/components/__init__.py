"""spaCy components of the kotakembar pipeline (factories register on import of each module)."""

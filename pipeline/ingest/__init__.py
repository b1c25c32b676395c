"""Ingestion: PDF, text/markdown and .docx theses into normalized text with sections, footnotes and tables.

One module per step: ``limits`` (per-document limits), ``clean`` (characters and shared patterns),
``encoding``, the readers ``text`` (md/txt), ``pdf`` and ``docx``, ``assemble`` (normalized text,
offsets, sections), ``metadata``, ``read`` (one file) and ``run`` (the stage: cache and worker pool).
"""

from pipeline.ingest.read import ingest_file
from pipeline.ingest.run import INGEST_SOURCES, ingest, iter_input_files

__all__ = ["INGEST_SOURCES", "ingest", "ingest_file", "iter_input_files"]

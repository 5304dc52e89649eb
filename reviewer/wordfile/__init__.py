"""Word files: the one layer that imports python-docx (and touches WordprocessingML), for reading
reports and for writing annotated copies."""

from __future__ import annotations

from .annotating import COMMENT_AUTHOR, read_comments, write_annotated_copy
from .reading import open_document, read_docx, read_docx_blocks

__all__ = ["COMMENT_AUTHOR", "open_document", "read_comments", "read_docx", "read_docx_blocks", "write_annotated_copy"]

"""The reviewer's workbench in the browser (`reviewer serve`): upload, screen, decide, export.

Local by default (127.0.0.1); any other host requires an access token. Nothing leaves the machine:
no CDN, no external request; the llm scorer only when explicitly configured.
"""

from __future__ import annotations

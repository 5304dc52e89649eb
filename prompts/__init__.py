"""Packaged prompt templates (Jinja2), installed as reviewer.prompts."""

"""Packaged rubric files (YAML), installed as reviewer.rubrics."""

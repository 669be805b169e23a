"""Outputs that let newsrooms ingest and verify releases."""

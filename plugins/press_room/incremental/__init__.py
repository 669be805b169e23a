"""Incremental builds: a build costs what changed, and equals a clean build.

- `pelican_internals`: every Pelican behaviour this package relies on, in one
  place (tests/unit/test_incremental_internals.py fails if one changes);
- `digest`: deterministic digests of the values a template can read;
- `template_names`: the context names a template (and what it extends,
  includes, imports) and the plugin's template helpers can read;
- `page_records`: each page's record (a digest of everything it is made from)
  and the decision to render it again or keep the file in place;
- `output_tree`: what this build produced, and removing what it did not;
- `release_cache`: parsed release files, cached as JSON by content digest.
"""

"""Incremental builds: a build costs what changed, and equals a clean build.

- `pelican_internals`: every Pelican internal the page records rely on, in
  one place (tests/unit/test_incremental_internals.py fails if one changes);
- `unchanged_build`: the Pelican subclass (PELICAN_CLASS) whose run() does
  nothing when no input changed; the Pelican behaviour it relies on is in its
  docstring (tests/unit/test_unchanged_build_pelican.py);
- `build_fingerprint`: a whole build's inputs, clock window and output tree;
- `digest`: deterministic digests of the values a template can read;
- `template_names`: the context names a template (and what it extends,
  includes, imports) and the plugin's template helpers can read;
- `page_records`: each page's record (a digest of everything it is made from)
  and the decision to render it again or keep the file in place;
- `output_tree`: what this build produced, and removing what it did not;
- `release_cache`: parsed release files, cached as JSON by content digest.
"""

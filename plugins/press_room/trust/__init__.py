"""What lets newsrooms ingest and trust the releases: machine-readable copies
of each release (IPTC ninjs), JSON Feed, and the Google News sitemap."""

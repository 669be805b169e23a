"""Outputs that let newsrooms ingest and verify releases: machine-readable
copies of each release (IPTC ninjs), JSON Feed, the Google News sitemap, and
signed manifests."""

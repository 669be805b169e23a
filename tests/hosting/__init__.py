"""Serving the published site: nginx, precompression, headers, deploy scripts."""

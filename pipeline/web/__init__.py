"""Web ingestion: a polite HTTP client, feeds, listing pages, article pages and the incremental state."""

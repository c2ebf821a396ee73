"""Files in and out: CSV / XLSX / JSON (no Qt, no SQL; the services decide what the rows mean)."""

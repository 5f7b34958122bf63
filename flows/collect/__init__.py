"""Collecting release bytes: files and folders (`files`), the web (`http`), and the releases discovery finds
(`candidates`). No Prefect flows here: the flows call these."""

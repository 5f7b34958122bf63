"""Helpers shared by the test modules: paths, the loopback HTTP server, the fake site, the command and process helpers."""

"""What runs around the pipeline: Prefect servers (embedded, local), the served deployments and their events,
warm flow-run processes, Dask, signals and child processes, timing, progress bars, the operator's webhook,
the run's artifact and the data-quality report."""

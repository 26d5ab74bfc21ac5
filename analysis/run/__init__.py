"""The run layer: large corpora in chunks, in parallel, resumable (`runner`, `scan`, `parts`), on a
Dask cluster (`dask_engine`), and the benchmark (`bench`)."""

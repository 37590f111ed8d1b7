"""Keeping the customer cache fresh from the company's systems (docs/sync.md).

Sources (a drop folder, a PostgreSQL query per entity, a REST endpoint, the team
server) deliver :class:`~assist.sync.model.Batch` es of changed records in the import
formats; :func:`~assist.sync.runner.sync_source` applies each batch to the cache in one
transaction together with the source's new cursor, so a refused batch leaves both the
data and the cursor as they were.
"""

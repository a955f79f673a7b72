-- Runs once, when the PostgreSQL data volume is first initialised (/docker-entrypoint-initdb.d of the
-- official postgres image; scripts there are skipped when the volume already holds a database).
-- Temporal's databases (temporal, temporal_visibility) are created by the temporal-schema service; this
-- creates the application's own database on the same server. The app's migrations create its tables.
CREATE DATABASE motcua ENCODING 'UTF8';

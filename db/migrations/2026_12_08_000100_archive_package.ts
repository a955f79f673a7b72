import { sql, type Kysely } from 'kysely';

/** The archive index of finished dossiers' packages (docs/archive.md); append-only like the audit chain. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table archive_package (
      dossier_code text primary key references dossier (code),
      tenant text not null references tenant (code),
      key text not null unique,
      package_hash text not null check (package_hash ~ '^[0-9a-f]{64}$'),
      procedure_code text not null,
      applicant_id_hash text not null check (applicant_id_hash ~ '^[0-9a-f]{64}$'),
      end_date date not null,
      retention_years integer not null check (retention_years between 1 and 100),
      created_at timestamptz not null default now()
    );
    create index archive_package_applicant on archive_package (tenant, applicant_id_hash);
    create index archive_package_end_date on archive_package (tenant, end_date);
    create function archive_package_immutable() returns trigger language plpgsql as $$
      begin raise exception 'archive_package is append-only'; end $$;
    create trigger archive_package_immutable before update or delete on archive_package
      for each row execute function archive_package_immutable();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table archive_package;
    drop function archive_package_immutable();
  `.execute(db);
}

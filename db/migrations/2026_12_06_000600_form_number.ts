import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history.

/**
 * Document numbers of the issued forms (docs/domain.md, "Forms (Mẫu 01–06)"): one gap-free series per
 * issuer, form and Vietnam local year, kept in `form_number_counter` (its row locked by the allocating
 * transaction), and `form_issue`, the append-only record of every number given — to which dossier (or desk
 * guidance), which form and which occurrence of it. The tenant gains the symbol of its own documents, and a
 * desk guidance the rule set it was given under (its form set).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Every tenant so far is a Sở GDĐT; a tenant created without a symbol gets theirs (the seed sets it).
    alter table tenant add column symbol text not null default 'SGDĐT';

    -- Guidance given before today: the rule set of its date at the legal switch date (01/07/2025).
    alter table receipt_guidance add column rule_set text;
    update receipt_guidance set rule_set = case
      when (given_at at time zone 'Asia/Ho_Chi_Minh')::date < date '2025-07-01' then 'ND61_2018'
      else 'ND118_2025' end;
    alter table receipt_guidance alter column rule_set set not null;
    alter table receipt_guidance add constraint receipt_guidance_rule_set_check
      check (rule_set in ('ND61_2018', 'ND118_2025'));

    create table form_number_counter (
      tenant text not null references tenant (code),
      issuer_kind text not null check (issuer_kind in ('receiving_unit', 'agency')),
      issuer_code text not null,
      form_kind text not null,
      year integer not null,
      last integer not null check (last >= 1),
      constraint form_number_counter_pk primary key (tenant, issuer_kind, issuer_code, form_kind, year)
    );

    create table form_issue (
      id bigserial primary key,
      tenant text not null references tenant (code),
      dossier_code text references dossier (code),
      guidance_id bigint references receipt_guidance (id),
      form_kind text not null check (form_kind in
        ('receipt', 'supplement', 'refusal', 'apology', 'stop_notice', 'control_sheet')),
      occurrence integer not null check (occurrence >= 1),
      issuer_kind text not null check (issuer_kind in ('receiving_unit', 'agency')),
      issuer_code text not null,
      year integer not null,
      number integer not null check (number >= 1),
      symbol text not null,
      issued_at timestamptz not null,
      issued_by text,
      recorded_at timestamptz not null default now(),
      constraint form_issue_subject_check check ((dossier_code is null) <> (guidance_id is null)),
      constraint form_issue_number_key unique (tenant, issuer_kind, issuer_code, form_kind, year, number)
    );
    create unique index form_issue_dossier_key on form_issue (dossier_code, form_kind, occurrence)
      where dossier_code is not null;
    create unique index form_issue_guidance_key on form_issue (guidance_id, form_kind)
      where guidance_id is not null;

    -- A number once given is never changed, taken back or given again.
    create function form_issue_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'form_issue is append-only: % refused', tg_op;
    end $$;
    create trigger form_issue_no_update before update or delete on form_issue
      for each row execute function form_issue_append_only();
    create trigger form_issue_no_truncate before truncate on form_issue
      for each statement execute function form_issue_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table form_issue;
    drop function form_issue_append_only();
    drop table form_number_counter;
    alter table receipt_guidance drop column rule_set;
    alter table tenant drop column symbol;
  `.execute(db);
}

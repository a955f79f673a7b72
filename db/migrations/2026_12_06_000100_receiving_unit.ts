import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history.

/**
 * The 2025 one-stop model (Decree 118/2025): receiving units separate from the handling agency — the
 * agency's own desk, the provincial Public Administrative Service Centre, its branches and commune points —
 * the officers who work at one, and on each dossier the rule set it was received under, where it was
 * received, where the applicant takes the result, the unit whose desk holds it now, and the applicant as
 * received (address, representative). The receipt guidance records its unit and applicant too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receiving_unit')
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_name', 'text')
    .addColumn('unit_code', 'text')
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('former_province', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('receiving_unit_pkey', ['tenant', 'code'])
    .addCheckConstraint(
      'receiving_unit_kind_check',
      sql`kind in ('agency_desk', 'centre', 'branch', 'commune')`,
    )
    .execute();

  await sql`
    alter table officer add column receiving_unit_code text;
    alter table officer add constraint officer_receiving_unit_fkey
      foreign key (tenant, receiving_unit_code) references receiving_unit (tenant, code);

    alter table dossier add column rule_set text not null default 'ND61_2018';
    alter table dossier alter column rule_set drop default;
    alter table dossier add constraint dossier_rule_set_check check (rule_set in ('ND61_2018', 'ND118_2025'));
    alter table dossier add column received_unit text;
    alter table dossier add column return_method text not null default 'counter';
    alter table dossier alter column return_method drop default;
    alter table dossier add constraint dossier_return_method_check
      check (return_method in ('counter', 'post', 'online'));
    alter table dossier add column return_unit text;
    alter table dossier add column current_unit text;
    alter table dossier add column applicant jsonb;
    create index dossier_tenant_current_unit_idx on dossier (tenant, current_unit);
    create index dossier_tenant_received_unit_idx on dossier (tenant, received_unit);

    alter table receipt_guidance add column received_unit text;
    alter table receipt_guidance add column applicant jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table receipt_guidance drop column applicant;
    alter table receipt_guidance drop column received_unit;
    alter table dossier drop column applicant;
    alter table dossier drop column current_unit;
    alter table dossier drop column return_unit;
    alter table dossier drop column return_method;
    alter table dossier drop column received_unit;
    alter table dossier drop column rule_set;
    alter table officer drop column receiving_unit_code;
    drop table receiving_unit;
  `.execute(db);
}

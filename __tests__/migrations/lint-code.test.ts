import { describe, expect, it } from '@jest/globals'
import { project, runGate } from './helpers.js'

/** rule@line for one file's findings (the static reading: the shadow replay is off). */
async function lint(
  files: Record<string, string>,
  tool: string,
  file: string
): Promise<{ found: string[]; outputs: Record<string, string>; messages: string[] }> {
  const result = await runGate(project(files), { tool, shadow: 'false' })
  const mine = result.findings.filter(f => f.file === file && f.rule !== 'missing-down-migration')
  return {
    found: mine.map(f => `${f.rule}@${f.line}`),
    outputs: result.outputs,
    messages: mine.map(f => f.message)
  }
}

describe('code migrations read statically: each schema operation is the finding its SQL would be, at its line', () => {
  it('Rails: remove/rename/change column, NOT NULL add, non-concurrent index, drop_table; the down method is not read', async () => {
    const file = 'db/migrate/20240102000000_change_users.rb'
    const { found, outputs, messages } = await lint(
      {
        'db/migrate/20240101000000_create_users.rb':
          'class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n',
        [file]: `class ChangeUsers < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :legacy, :string
    rename_column :users, :name, :full_name
    add_column :users, :tier, :string, null: false
    add_column :users, :nickname, :string
    change_column :users, :age, :bigint
    change_column_null :users, :email, false
    add_index :users, :tier
    add_index :users, :nickname, algorithm: :concurrently
    add_column :users, :token, :uuid, default: -> { "gen_random_uuid()" }
    add_foreign_key :orders, :users, validate: false
    drop_table :sessions
  end

  def down
    add_column :users, :legacy, :string
    drop_table :users
  end
end
`
      },
      'rails',
      file
    )
    expect(found).toEqual([
      'drop-column@3',
      'rename-column@4',
      'add-column-not-null-without-default@5',
      'change-column-type@7',
      'set-not-null@8',
      'create-index-non-concurrently@9',
      // CONCURRENTLY inside the transaction Rails opens (no disable_ddl_transaction!) fails
      'concurrently-in-transaction@10',
      'volatile-default@11',
      'drop-table@13'
    ])
    expect(messages[0]).toBe('Drops column users.legacy and its data.')
    expect(outputs).toMatchObject({ destructive: 'true', 'rollback-safe': 'false' })
  })

  it('Rails execute: with and without parentheses, heredocs, #{} interpolation; an unreadable string hides nothing else', async () => {
    const file = 'db/migrate/20240102000000_backfill.rb'
    const { found, messages } = await lint(
      {
        [file]: `class Backfill < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    execute "UPDATE users SET tier = 'free' WHERE tier IS NULL"
    execute "DELETE FROM #{table_name}"
    execute(build_sql(:cleanup))
    execute <<~SQL
      ALTER TABLE users
        DROP COLUMN legacy;
    SQL
    execute 'DROP TABEL oops'
    remove_column :users, :old
  end
end
`
      },
      'rails',
      file
    )
    expect(found).toEqual([
      'delete-without-where@6',
      'unreadable-code-sql@7',
      'drop-column@9',
      // no transaction (disable_ddl_transaction!): a re-run after a later failure stops here
      'non-robust-statement@9',
      'sql-syntax-error@12',
      'drop-column@13',
      'non-robust-statement@13'
    ])
    expect(messages[1]).toMatch(
      /^Not linted: the SQL passed to execute\(build_sql\(:cleanup\)\) is built at run time\.$/
    )
  })

  it('Django: RemoveField, RenameField, AlterField, DeleteModel, AddIndex vs AddIndexConcurrently, AddField NOT NULL, RunSQL', async () => {
    const file = 'shop/migrations/0002_change.py'
    const { found, messages } = await lint(
      {
        'manage.py': 'import django\n',
        'shop/__init__.py': '',
        'shop/migrations/__init__.py': '',
        'shop/migrations/0001_initial.py':
          "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(\n            name='Customer',\n            fields=[('id', models.BigAutoField(primary_key=True))],\n        ),\n    ]\n",
        [file]: `from django.db import migrations, models
from django.contrib.postgres.operations import AddIndexConcurrently


class Migration(migrations.Migration):
    dependencies = [('shop', '0001_initial')]

    operations = [
        migrations.RemoveField(model_name='customer', name='legacy'),
        migrations.RenameField(model_name='customer', old_name='name', new_name='full_name'),
        migrations.AlterField(
            model_name='customer',
            name='age',
            field=models.BigIntegerField(),
        ),
        migrations.AddField(model_name='customer', name='tier', field=models.CharField(max_length=20)),
        migrations.AddField(model_name='customer', name='nick', field=models.CharField(max_length=20, null=True)),
        migrations.AddIndex(model_name='customer', index=models.Index(fields=['tier'], name='customer_tier_idx')),
        migrations.DeleteModel(name='Coupon'),
        migrations.RunSQL(
            "UPDATE shop_customer SET tier = 'free' "
            "WHERE tier IS NULL",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunSQL(sql=["DELETE FROM shop_session"]),
    ]
`
      },
      'django',
      file
    )
    expect(found).toEqual([
      'drop-column@9',
      'rename-column@10',
      'change-column-type@11',
      'add-column-not-null-without-default@16',
      'create-index-non-concurrently@18',
      'drop-table@19',
      'delete-without-where@25'
    ])
    expect(messages[0]).toBe('Drops column shop_customer.legacy and its data.')
    // The adjacent literals are one statement, read at the first one's position: it has a WHERE.
  })

  it('Alembic: op.drop_column, op.alter_column, op.drop_table, op.create_index with and without postgresql_concurrently, op.execute', async () => {
    const file = 'alembic/versions/b2_change.py'
    const { found } = await lint(
      {
        'alembic.ini': '[alembic]\nscript_location = alembic\n',
        'alembic/versions/a1_init.py':
          "revision = 'a1'\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    op.drop_table('users')\n",
        [file]: `"""change users"""
from alembic import op
import sqlalchemy as sa

revision = 'b2'
down_revision = 'a1'


def upgrade():
    op.drop_column('users', 'legacy')
    op.alter_column('users', 'name', new_column_name='full_name')
    op.alter_column('users', 'age', type_=sa.BigInteger())
    op.alter_column('users', 'email', nullable=False)
    op.add_column('users', sa.Column('tier', sa.String(20), nullable=False))
    op.add_column('users', sa.Column('nick', sa.String(20)))
    op.create_index('ix_users_tier', 'users', ['tier'])
    with op.get_context().autocommit_block():
        op.create_index('ix_users_nick', 'users', ['nick'], postgresql_concurrently=True)
    op.execute("DELETE FROM sessions " "WHERE expires_at < now()")
    op.execute(sa.text("UPDATE users SET tier = :tier"))
    op.drop_table('coupons')


def downgrade():
    op.drop_table('users')
`
      },
      'alembic',
      file
    )
    expect(found).toEqual([
      'drop-column@10',
      'rename-column@11',
      'change-column-type@12',
      'set-not-null@13',
      'add-column-not-null-without-default@14',
      'create-index-non-concurrently@16',
      // inside autocommit_block(): outside Alembic's transaction, so CONCURRENTLY works (but a failed
      // build leaves an invalid index that a re-run trips over)
      'non-robust-statement@18',
      'update-without-where@20',
      'drop-table@21'
    ])
  })

  it('knex: dropColumn, renameColumn, .notNullable().alter(), dropTable, index; ? bindings read', async () => {
    const file = 'migrations/20240102000000_change.js'
    const { found } = await lint(
      {
        'migrations/20240101000000_init.js':
          "exports.up = knex => knex.schema.createTable('users', t => { t.increments('id') })\nexports.down = knex => knex.schema.dropTable('users')\n",
        [file]: `exports.up = async function (knex) {
  await knex.schema.alterTable('users', table => {
    table.dropColumn('legacy')
    table.renameColumn('name', 'full_name')
    table.string('email').notNullable().alter()
    table.integer('score').notNullable()
    table.string('nick')
    table.index(['nick'])
  })
  await knex.raw('UPDATE users SET score = ? WHERE id = ?', [0, 1])
  await knex.raw('DELETE FROM sessions WHERE id = ??', ['id'])
  await knex.schema.dropTable('coupons')
}

exports.down = async function (knex) {
  await knex.schema.dropTable('users')
}
`
      },
      'knex',
      file
    )
    expect(found).toEqual([
      'drop-column@3',
      'rename-column@4',
      'change-column-type@5',
      'set-not-null@5',
      'add-column-not-null-without-default@6',
      'create-index-non-concurrently@8',
      'drop-table@12'
    ])
  })

  it('Sequelize: removeColumn, renameColumn, changeColumn, addColumn, addIndex, dropTable; :name replacements read', async () => {
    const file = 'migrations/20240102000000-change-users.js'
    const { found } = await lint(
      {
        'migrations/20240101000000-create-users.js':
          "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } })\n  },\n  async down(queryInterface) {\n    await queryInterface.dropTable('users')\n  }\n}\n",
        [file]: `'use strict'
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('users', 'legacy')
    await queryInterface.renameColumn('users', 'name', 'full_name')
    await queryInterface.changeColumn('users', 'age', { type: Sequelize.BIGINT, allowNull: false })
    await queryInterface.addColumn('users', 'tier', { type: Sequelize.STRING, allowNull: false })
    await queryInterface.addIndex('users', ['tier'])
    await queryInterface.addIndex('users', ['age'], { concurrently: true })
    await queryInterface.sequelize.query('UPDATE users SET tier = :tier', { replacements: { tier: 'x' } })
    await queryInterface.dropTable('coupons')
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users')
  }
}
`
      },
      'sequelize',
      file
    )
    // sequelize-cli runs a migration without a transaction: each step that cannot be re-run is noted.
    expect(found).toEqual([
      'drop-column@4',
      'non-robust-statement@4',
      'rename-column@5',
      'change-column-type@6',
      'set-not-null@6',
      'add-column-not-null-without-default@7',
      'non-robust-statement@7',
      'create-index-non-concurrently@8',
      'non-robust-statement@8',
      'non-robust-statement@9',
      'update-without-where@10',
      'drop-table@11',
      'non-robust-statement@11'
    ])
  })

  it('TypeORM: queryRunner.dropColumn, renameColumn, changeColumn, addColumn, createIndex, dropTable, query', async () => {
    const file = 'src/migrations/1718000100000-ChangeUsers.ts'
    const { found } = await lint(
      {
        'src/migrations/1718000000000-CreateUsers.ts':
          'import { MigrationInterface, QueryRunner } from \'typeorm\'\n\nexport class CreateUsers1718000000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL PRIMARY KEY)`)\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`DROP TABLE "users"`)\n  }\n}\n',
        [file]: `import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm'

export class ChangeUsers1718000100000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'legacy')
    await queryRunner.renameColumn('users', 'name', 'full_name')
    await queryRunner.addColumn('users', new TableColumn({ name: 'tier', type: 'varchar', isNullable: false }))
    await queryRunner.changeColumn('users', 'age', new TableColumn({ name: 'age', type: 'bigint' }))
    await queryRunner.createIndex('users', new TableIndex({ name: 'IDX_users_tier', columnNames: ['tier'] }))
    await queryRunner.query(\`DELETE FROM "\${this.table}"\`)
    await queryRunner.dropTable('coupons')
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('users')
  }
}
`
      },
      'typeorm',
      file
    )
    expect(found).toEqual([
      'drop-column@5',
      'rename-column@6',
      'add-column-not-null-without-default@7',
      // TypeORM changes a type by dropping the column and adding it again
      'drop-column@8',
      'add-column-not-null-without-default@8',
      'create-index-non-concurrently@9',
      'delete-without-where@10',
      'drop-table@11'
    ])
  })

  it('an allow comment above an operation silences it, with its reason', async () => {
    const file = 'db/migrate/20240102000000_drop_legacy.rb'
    const result = await runGate(
      project({
        [file]:
          'class DropLegacy < ActiveRecord::Migration[7.1]\n  def change\n    # deploy-gates: allow drop-column unused since v3, see OPS-7\n    remove_column :users, :legacy\n  end\nend\n'
      }),
      { tool: 'rails', shadow: 'false' }
    )
    expect(result.findings.filter(f => f.rule !== 'missing-down-migration')).toEqual([])
    expect(result.data?.allowed).toEqual([
      { rule: 'drop-column', file, line: 4, reason: 'unused since v3, see OPS-7' }
    ])
    expect(result.outputs.destructive).toBe('true')
  })
})

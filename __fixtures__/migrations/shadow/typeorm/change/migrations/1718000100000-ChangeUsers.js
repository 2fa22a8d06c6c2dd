const { Table, TableColumn, TableIndex } = require('typeorm')

module.exports = class ChangeUsers1718000100000 {
  async up(queryRunner) {
    await queryRunner.dropColumn('users', 'note')
    await queryRunner.renameColumn('users', 'email', 'mail')
    await queryRunner.addColumn('users', new TableColumn({ name: 'plan', type: 'varchar', isNullable: false }))
    await queryRunner.changeColumn('users', 'age', new TableColumn({ name: 'age', type: 'bigint', isNullable: true }))
    await queryRunner.createIndex('users', new TableIndex({ name: 'users_mail_idx', columnNames: ['mail'] }))
    await queryRunner.createTable(new Table({ name: 'teams', columns: [{ name: 'id', type: 'int', isPrimary: true }] }))
    await queryRunner.addColumn('teams', new TableColumn({ name: 'name', type: 'varchar', isNullable: false }))
  }
  async down() {}
}

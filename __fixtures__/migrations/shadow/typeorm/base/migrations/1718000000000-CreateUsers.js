const { Table } = require('typeorm')

module.exports = class CreateUsers1718000000000 {
  async up(queryRunner) {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'email', type: 'varchar', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'age', type: 'int', isNullable: true }
        ]
      })
    )
  }
  async down(queryRunner) {
    await queryRunner.dropTable('users')
  }
}

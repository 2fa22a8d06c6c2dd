'use strict'
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.removeColumn('users', 'note')
    await queryInterface.renameColumn('users', 'email', 'mail')
    await queryInterface.addColumn('users', 'plan', { type: Sequelize.STRING, allowNull: false })
    await queryInterface.changeColumn('users', 'age', { type: Sequelize.BIGINT })
    await queryInterface.addIndex('users', ['mail'])
    await queryInterface.createTable('teams', { id: { type: Sequelize.INTEGER, primaryKey: true } })
    await queryInterface.addColumn('teams', 'name', { type: Sequelize.STRING, allowNull: false })
  },
  async down() {}
}

'use strict'
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING },
      note: { type: Sequelize.TEXT },
      age: { type: Sequelize.INTEGER }
    })
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users')
  }
}

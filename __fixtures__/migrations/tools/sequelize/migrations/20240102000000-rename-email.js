'use strict'

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE users RENAME COLUMN email TO email_address')
  }
}

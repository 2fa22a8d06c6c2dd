'use strict'

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE orders ADD COLUMN total integer')
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('ALTER TABLE orders DROP COLUMN total')
  }
}

const path = require('node:path')
const { DataSource } = require('typeorm')

// The database from DATABASE_URL; migrations loaded from the compiled folder.
module.exports = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  migrations: [path.join(__dirname, 'migrations', '*.js')]
})

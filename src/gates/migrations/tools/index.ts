import { alembic } from './alembic.js'
import { dbmate } from './dbmate.js'
import { django } from './django.js'
import { drizzle } from './drizzle.js'
import { flyway } from './flyway.js'
import { golangMigrate } from './golang-migrate.js'
import { knex } from './knex.js'
import { nodePgMigrate } from './node-pg-migrate.js'
import { prisma } from './prisma.js'
import { rails } from './rails.js'
import { sequelize } from './sequelize.js'
import { typeorm } from './typeorm.js'
import type { ToolAdapter, ToolName } from './types.js'

/** In detection order: layouts that identify a tool for certain come first. */
export const TOOLS: Record<ToolName, ToolAdapter> = {
  prisma,
  drizzle,
  flyway,
  'golang-migrate': golangMigrate,
  dbmate,
  rails,
  django,
  alembic,
  'node-pg-migrate': nodePgMigrate,
  knex,
  sequelize,
  typeorm
}


var e=["prisma","flyway","golang-migrate","knex","node-pg-migrate","dbmate","rails","django","alembic","drizzle","sequelize","typeorm"];export{e as a};

import { MigrationInterface, QueryRunner } from "typeorm"

export class UsersEmail1718000100000 implements MigrationInterface {
    name = "UsersEmail1718000100000"

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" ADD "email" character varying NOT NULL`)
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email"`)
    }
}

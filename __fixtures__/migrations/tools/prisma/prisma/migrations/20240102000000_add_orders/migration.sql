-- CreateTable
CREATE TABLE "orders" ("id" SERIAL NOT NULL, "user_id" INTEGER NOT NULL, CONSTRAINT "orders_pkey" PRIMARY KEY ("id"));

export { prisma, createPrismaClient, disconnectPrisma, onQuery, type PrismaClientOptions, type QueryEvent, type QueryListener } from './client.ts';
export { migrate, readMigrations, MIGRATIONS_DIR } from './migrate.ts';
export { startChangeFeed, CHANGES_CHANNEL, type ChangeFeed } from './changes.ts';
export * from './generated/prisma/client.ts';

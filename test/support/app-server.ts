/**
 * One Lumbung server process as `lumbung start` starts it (startServer: database, migrations,
 * the sealer and the governance and order clocks, the API), without the web pages, for tests
 * that run several of them on one database. Env: DATABASE_URL, PORT (0: any), and what the
 * server reads itself (LUMBUNG_BACKGROUND_MS, SMTP_URL, METRICS_TOKEN).
 * Prints "READY <port>" when listening; SIGTERM stops it.
 */
import pino from 'pino';
import { startServer } from '../../src/server/start.js';

const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const running = await startServer({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', log, databaseUrl: process.env.DATABASE_URL, web: false, workers: 1 });
console.log(`READY ${new URL(running.url).port}`);
process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));

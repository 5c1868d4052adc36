// A worker that dies without an 'error' event (as process.exit() in a dependency would).
import { parentPort } from 'node:worker_threads';
parentPort?.on('message', () => process.exit(3));

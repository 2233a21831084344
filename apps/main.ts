import { bootstrap } from './shared/bootstrap';

// `npm start`: API and worker in one process, for a single machine.
void bootstrap({ api: true, worker: true });

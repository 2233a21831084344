import { bootstrap } from '../../shared/bootstrap';

void bootstrap({ api: true, worker: false });

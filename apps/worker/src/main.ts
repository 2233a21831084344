import { bootstrap } from '../../shared/bootstrap';

// The worker serves only /health and /metrics over HTTP.
void bootstrap({ api: false, worker: true });

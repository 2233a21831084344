import { Injectable } from '@nestjs/common';
import { CompiledPolicy, loadPolicyFile } from '@eea/policy';
import { AppConfig } from './app-config';

/**
 * The residency policy loaded from POLICY_FILE at start. An invalid file throws here, which stops
 * the process with the path and reason of every problem.
 */
@Injectable()
export class PolicyStore {
  private policy: CompiledPolicy;

  constructor(config: AppConfig) {
    this.policy = loadPolicyFile(config.POLICY_FILE, 'POLICY_FILE');
  }

  current(): CompiledPolicy {
    return this.policy;
  }
}

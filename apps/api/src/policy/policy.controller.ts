import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@eea/auth';
import { PolicySimulationService } from '@eea/routing';
import { SimulateDto } from './simulate.dto';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/policy')
@Roles(...ROLES)
export class PolicyController {
  constructor(private readonly simulation: PolicySimulationService) {}

  @Get()
  describe() {
    return this.simulation.describe();
  }

  /** Same code path as the router; touches no stored data. */
  @Post('simulate')
  @HttpCode(200)
  simulate(@Body() body: SimulateDto) {
    return this.simulation.simulate(body);
  }
}

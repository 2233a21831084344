import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@eea/auth';
import { ConsentReceiptService } from '@eea/consent-gate';
import { UuidParam } from '@eea/http';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/consents')
export class ConsentReceiptsController {
  constructor(private readonly receipts: ConsentReceiptService) {}

  @Get(':id/receipt')
  @Roles('admin', 'manager', 'auditor')
  @ApiOperation({
    summary: 'The signed receipt of a consent',
    description:
      'A compact JWS (EdDSA, kid in the header) of what the consent allows; verify it offline with the keys at /.well-known/jwks.json (`npm run consent:verify`). Admins, managers, auditors.',
  })
  @ApiOkResponse({
    description: 'The receipt',
    schema: {
      example: {
        receipt:
          'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIiwidHlwIjoiY29uc2VudC1yZWNlaXB0K2p3cyJ9.eyJjb25zZW50SWQiOiIuLi4ifQ.c2lnbmF0dXJl',
      },
    },
  })
  get(@Param('id', new UuidParam()) id: string) {
    return this.receipts.receiptFor(id);
  }
}

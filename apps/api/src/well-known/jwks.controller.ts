import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@eea/auth';
import { SigningService } from '@eea/signing';

@ApiTags('signatures')
@Public()
@Controller('.well-known')
export class JwksController {
  constructor(private readonly signing: SigningService) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Public keys that verify consent receipts and audit checkpoints',
    description:
      'Anyone. A JSON Web Key Set of Ed25519 keys (`alg: EdDSA`), current first; retired keys stay listed so that what they signed still verifies.',
  })
  @ApiOkResponse({
    description: 'The key set',
    schema: {
      example: {
        keys: [
          {
            kty: 'OKP',
            crv: 'Ed25519',
            x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
            kid: 'k2026',
            alg: 'EdDSA',
            use: 'sig',
          },
        ],
      },
    },
  })
  jwks() {
    return this.signing.jwks();
  }
}

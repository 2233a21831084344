import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { PrivacyRequestService } from '@eea/privacy';
import { PrivacyRequestDto } from './privacy-request.dto';

/** Data-subject requests; admins only, because the answer is the subject's data across all organisations. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('v1/privacy')
@Roles('admin')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyRequestService) {}

  /** One JSON document in the versioned format "eea-router.subject-export/v1" (docs/security.md). */
  @Post('export')
  @HttpCode(200)
  export(@Body() body: PrivacyRequestDto, @CurrentPrincipal() by: Principal) {
    return this.privacy.export(body, by);
  }

  /** Unlinks the subject's pseudonyms from every ticket and blanks free text typed about them; idempotent. */
  @Post('erase')
  @HttpCode(200)
  erase(@Body() body: PrivacyRequestDto, @CurrentPrincipal() by: Principal) {
    return this.privacy.erase(body, by);
  }
}

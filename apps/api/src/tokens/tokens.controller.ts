import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, TokenService } from '@eea/auth';
import { ApiError, UuidParam } from '@eea/http';
import { CreateTokenDto } from './create-token.dto';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('v1/tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  /** The token is in this response only; it is stored hashed. */
  @Post()
  @HttpCode(201)
  create(@Body() body: CreateTokenDto, @CurrentPrincipal() by: Principal) {
    return this.tokens.create(body, by);
  }

  @Get()
  list() {
    return this.tokens.list();
  }

  @Delete(':id')
  async revoke(@Param('id', new UuidParam()) id: string, @CurrentPrincipal() by: Principal) {
    return (await this.tokens.revoke(id, by)) ?? Promise.reject(ApiError.notFound('token'));
  }
}

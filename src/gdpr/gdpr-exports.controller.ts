import { ApiScope } from '../common/auth/api-scopes';
import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CurrentUser, Roles } from '../common/auth/policy.decorators';
import { Role } from '../common/auth/role';
import { CreateExportDto } from './dto/gdpr-request.dto';
import { DataExportService } from './exports/data-export.service';
import { ExportAcceptedResponse, ExportResponse, presentExport } from './gdpr.presenter';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('gdpr')
@ApiScope('gdpr')
@Controller('gdpr')
export class GdprExportsController {
  constructor(private readonly exports: DataExportService) {}

  @Post('export')
  @ApiProblems({ 403: 'Only an admin may name another person (GDPR_SUBJECT_ADMIN_ONLY)' })
  @Roles(Role.Candidate)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Export every record about a person (Art. 15/20)',
    description:
      'Your own data; an admin may name someone with `candidate_id` or `email` (403 for others). Built by a queue job: poll GET /api/gdpr/exports/{id}. json → one document with files embedded (base64); csv → a zip with one CSV per record type and the original files.\n\n' +
      "The file is the person's copy, whoever asks for it (an admin's export on someone's behalf is handed to that person): everything they gave us (profile, applications, résumés, answers, recordings, consents…) and the process around it (stages, interview dates, who accessed their data). The hiring team's assessment appears exactly as the candidate routes show it: practice interviews with their scores and coaching; of a screening interview nothing of the assessment (scores, rationale, key points, flags, recommendation, fraud risk), no scorecards, and no reasons or notes staff wrote about decisions (stage changes, rejections, cancellations). Gold answers and key points are never included. `withheld` in the document counts each left-out record type and says why.",
  })
  @ApiAcceptedResponse({ type: ExportAcceptedResponse })
  @ApiResponse({ status: 404, description: 'No person matches candidate_id / email' })
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateExportDto,
  ): Promise<ExportAcceptedResponse> {
    const row = await this.exports.request(actor, dto);
    return { export_id: row.id, status: row.status };
  }

  @Get('exports/:id')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Export status and download link (its requester or an admin)' })
  @ApiOkResponse({ type: ExportResponse })
  async get(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<ExportResponse> {
    return presentExport(await this.exports.findVisible(actor, id));
  }

  @Get('exports/:id/download')
  @Roles(Role.Candidate)
  @ApiOperation({
    summary: 'Download an export (its requester or an admin)',
    description:
      'Counted and audited. 409 while it is being built; 410 once DATA_EXPORT_EXPIRY_HOURS have passed.',
  })
  @ApiProduces('application/json', 'application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 409, description: 'Not ready yet' })
  @ApiResponse({ status: 410, description: 'Expired' })
  async download(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exports.download(actor, id);
    void reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
    // Streamed from the store (the archive may hold every file of the person).
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.sizeBytes ?? undefined,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../common/auth/policy.decorators';
import { isStaff } from '../../common/auth/role';
import {
  ConflictProblem,
  DomainException,
  ForbiddenProblem,
  NotFoundProblem,
} from '../../common/errors/domain.exception';
import { Transactions } from '../../database/transactions';
import { detectAudioFormat } from '../../interviews';
import { AnswerTranscriptService } from '../../interviews/session/answer-transcript.service';
import { FILE_STORAGE } from '../../storage/file-storage';
import type { FileStorage } from '../../storage/file-storage';
import { audioDurationSeconds } from '../audio/audio-duration';
import {
  contentTypesFor,
  expectedContainer,
  FILE_EXTENSIONS,
  mimeEssence,
} from '../audio/media-container';
import type {
  CreateUploadUrlDto,
  DownloadUrlResponse,
  SignedUrlQueryDto,
  UploadReceipt,
  UploadUrlResponse,
} from '../dto/media-upload.dto';
import type { MediaFile } from '../entities/media-file.entity';
import { MEDIA_SETTINGS } from '../media-settings';
import type { MediaSettings } from '../media-settings';
import { MediaUrlSigner } from '../signing/media-url-signer';
import type { MediaUrlGrant } from '../signing/media-url-signer';
import { readLimitedBody, tooLarge } from './raw-body';
import { UploadQuotaService } from '../../throttling/upload-quota.service';
import { MediaFilesRepository } from './media-files.repository';
import { MediaIntakeJob } from './media-intake.job';

export const UPLOAD_ROUTE = '/api/media/upload/:key';

export interface MediaDownload {
  stream: Readable;
  sizeBytes: number;
  contentType: string;
  fileName: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

// Self-recorded files: reserve → signed PUT to this server → signed GET. The signed routes are
// public (no bearer token: browsers PUT straight from a recorder); the signature is their
// authorisation and it binds method, key, content type, size cap, expiry and owner.
@Injectable()
export class MediaFilesService {
  private readonly signer: MediaUrlSigner;

  constructor(
    private readonly transactions: Transactions,
    private readonly files: MediaFilesRepository,
    private readonly answers: AnswerTranscriptService,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(MEDIA_SETTINGS) private readonly settings: MediaSettings,
    private readonly quota: UploadQuotaService,
    private readonly intakeJob: MediaIntakeJob,
  ) {
    this.signer = new MediaUrlSigner(settings.signingKey);
  }

  async createUploadUrl(
    user: AuthUser,
    dto: CreateUploadUrlDto,
    clientAddress: string,
  ): Promise<UploadUrlResponse> {
    const contentType = mimeEssence(dto.content_type);
    if (!expectedContainer(dto.kind, contentType)) {
      throw new DomainException(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `A ${dto.kind} upload must be one of ${contentTypesFor(dto.kind).join(', ')}`,
      );
    }
    await this.answers.assertVisible(user, dto.interview_id, dto.answer_id);
    const id = randomUUID();
    const fileKey = `media-${id}`;
    const expires = nowSeconds() + this.settings.uploadUrlTtlSeconds;
    const maxBytes = this.settings.maxBytes[dto.kind];
    const row: Pick<MediaFile, 'id' | 'fileKey' | 'contentType' | 'maxBytes' | 'uploadExpiresAt'> &
      Partial<MediaFile> = {
      id,
      fileKey,
      ownerId: user.id,
      kind: dto.kind,
      contentType,
      maxBytes,
      status: 'pending',
      interviewId: dto.interview_id ?? null,
      answerId: dto.answer_id ?? null,
      uploadExpiresAt: new Date(expires * 1000),
    };
    if (this.storage.intake && dto.size_bytes !== undefined) {
      return this.presignedUpload(row, dto.size_bytes, clientAddress);
    }
    await this.files.insert(row);
    const signature = this.signer.sign({
      method: 'PUT',
      fileKey,
      contentType,
      maxBytes,
      expires,
      ownerId: user.id,
    });
    return {
      upload_url: this.url(`/api/media/upload/${fileKey}`, expires, signature),
      file_key: fileKey,
      expires_at: new Date(expires * 1000).toISOString(),
      method: 'PUT',
      headers: { 'Content-Type': contentType },
      max_bytes: maxBytes,
    };
  }

  // With the S3 driver and a declared size: a presigned PUT straight into the bucket's intake
  // area, Content-Type and Content-Length signed; MediaIntakeJob checks and moves the bytes.
  private async presignedUpload(
    row: Pick<MediaFile, 'id' | 'fileKey' | 'contentType' | 'maxBytes' | 'uploadExpiresAt'> &
      Partial<MediaFile>,
    sizeBytes: number,
    clientAddress: string,
  ): Promise<UploadUrlResponse> {
    if (sizeBytes > row.maxBytes) {
      throw tooLarge(row.maxBytes);
    }
    await this.quota.chargeAddress(clientAddress, sizeBytes);
    const presigned = await this.storage.intake!.presignPut(
      MediaIntakeJob.intakeKey(row.id),
      row.contentType,
      sizeBytes,
      this.settings.uploadUrlTtlSeconds,
    );
    await this.transactions.run(async (manager) => {
      await this.files.insert(row, manager);
      await this.intakeJob.watch(row.id, true, manager);
    });
    return {
      upload_url: presigned.url,
      file_key: row.fileKey,
      expires_at: row.uploadExpiresAt.toISOString(),
      method: 'PUT',
      headers: presigned.headers,
      max_bytes: row.maxBytes,
    };
  }

  // A presigned upload not moved yet: look for it now rather than at the next poll.
  async nudgeIntake(file: MediaFile): Promise<void> {
    if (this.storage.intake && file.status === 'pending') {
      await this.intakeJob.watch(file.id, false);
    }
  }

  async receiveUpload(
    fileKey: string,
    query: SignedUrlQueryDto,
    declaredType: string | undefined,
    declaredLength: string | undefined,
    body: IncomingMessage,
    clientAddress: string,
  ): Promise<UploadReceipt> {
    const file = await this.verified('PUT', fileKey, query, (f) => f.maxBytes);
    if (file.status !== 'pending') {
      throw new ConflictProblem('UPLOAD_ALREADY_RECEIVED', 'This upload URL has already been used');
    }
    if (mimeEssence(declaredType) !== file.contentType) {
      throw new DomainException(
        415,
        'CONTENT_TYPE_MISMATCH',
        `Send the body with Content-Type: ${file.contentType}, as requested for this URL`,
      );
    }
    if (declaredLength !== undefined && Number(declaredLength) > file.maxBytes) {
      throw tooLarge(file.maxBytes);
    }
    // Claim the row before reading, so two PUTs with one URL cannot both write the file.
    if (!(await this.files.claimForReceiving(file.id, 'pending'))) {
      throw new ConflictProblem('UPLOAD_ALREADY_RECEIVED', 'This upload URL has already been used');
    }
    try {
      const data = await readLimitedBody(body, file.maxBytes);
      const container = expectedContainer(file.kind, file.contentType);
      if (data.length === 0 || detectAudioFormat(data) !== container) {
        throw new DomainException(
          415,
          'CONTENT_MISMATCH',
          `The bytes are not a ${file.contentType} file`,
        );
      }
      const durationSeconds = container ? audioDurationSeconds(data, container) : null;
      // Charged only for bytes about to be stored; a refused body costs nothing.
      await this.quota.chargeAddress(clientAddress, data.length);
      await this.storage.put(file.fileKey, data);
      await this.files.markUploaded(file.id, { sizeBytes: data.length, durationSeconds });
      return {
        file_key: file.fileKey,
        status: 'uploaded',
        content_type: file.contentType,
        size_bytes: data.length,
        duration_seconds: durationSeconds,
      };
    } catch (error) {
      // A rejected or interrupted body leaves the URL usable until it expires.
      await this.files.markPending(file.id);
      throw error;
    }
  }

  async createDownloadUrl(user: AuthUser, fileKey: string): Promise<DownloadUrlResponse> {
    const file = await this.findVisible(user, fileKey);
    if (file.status !== 'uploaded' || file.sizeBytes === null) {
      await this.nudgeIntake(file);
      throw new ConflictProblem('MEDIA_NOT_UPLOADED', 'The file has not been uploaded yet');
    }
    const expires = nowSeconds() + this.settings.downloadUrlTtlSeconds;
    const signature = this.signer.sign(this.grant('GET', file, file.sizeBytes, expires));
    if (file.ownerId !== user.id) {
      await this.transactions.run((manager) =>
        this.audit.record(manager, {
          actorId: user.id,
          actorRole: user.role,
          action: 'media.download_url_issued',
          targetType: 'media_file',
          targetId: file.id,
        }),
      );
    }
    return {
      download_url: this.url(`/api/media/download/${fileKey}`, expires, signature),
      expires_at: new Date(expires * 1000).toISOString(),
    };
  }

  async download(fileKey: string, query: SignedUrlQueryDto): Promise<MediaDownload> {
    const file = await this.verified('GET', fileKey, query, (f) => f.sizeBytes ?? 0);
    const stream = file.status === 'uploaded' ? await this.storage.getStream(file.fileKey) : null;
    if (!stream) {
      throw new NotFoundProblem('Media file');
    }
    const container = expectedContainer(file.kind, file.contentType);
    const extension = container ? FILE_EXTENSIONS[container][file.kind] : 'bin';
    return {
      stream,
      sizeBytes: file.sizeBytes ?? 0,
      contentType: file.contentType,
      fileName: `${file.fileKey}.${extension}`,
    };
  }

  // The owner, or staff; anyone else gets 404 whether or not the key exists.
  async findVisible(user: AuthUser, fileKey: string): Promise<MediaFile> {
    const file = await this.files.findByFileKey(fileKey);
    if (!file || (file.ownerId !== user.id && !isStaff(user.role))) {
      throw new NotFoundProblem('Media file');
    }
    return file;
  }

  canView(user: AuthUser, file: MediaFile): boolean {
    return file.ownerId === user.id || isStaff(user.role);
  }

  // An unknown key answers like a bad signature: the signed routes reveal nothing unsigned.
  private async verified(
    method: 'PUT' | 'GET',
    fileKey: string,
    query: SignedUrlQueryDto,
    maxBytes: (file: MediaFile) => number,
  ): Promise<MediaFile> {
    const file = /^media-[0-9a-f-]{36}$/.test(fileKey)
      ? await this.files.findByFileKey(fileKey)
      : null;
    const expires = Number(query.expires);
    const check = file
      ? this.signer.verify(this.grant(method, file, maxBytes(file), expires), query.signature)
      : 'invalid';
    if (check === 'expired') {
      throw new ForbiddenProblem('URL_EXPIRED', 'This signed URL has expired; request a new one');
    }
    if (check !== 'valid' || !file) {
      throw new ForbiddenProblem('INVALID_SIGNATURE', 'The URL signature is not valid');
    }
    return file;
  }

  private grant(
    method: 'PUT' | 'GET',
    file: MediaFile,
    maxBytes: number,
    expires: number,
  ): MediaUrlGrant {
    return {
      method,
      fileKey: file.fileKey,
      contentType: file.contentType,
      maxBytes,
      expires,
      ownerId: file.ownerId,
    };
  }

  private url(path: string, expires: number, signature: string): string {
    const query = new URLSearchParams({ expires: String(expires), signature });
    return `${this.settings.publicBaseUrl}${path}?${query.toString()}`;
  }
}

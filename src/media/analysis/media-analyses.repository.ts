import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { MediaAnalysis } from '../entities/media-analysis.entity';

type AnalysisChange = Partial<
  Pick<MediaAnalysis, 'status' | 'transcript' | 'metrics' | 'advice' | 'error' | 'completedAt'>
>;

// Every query of media_analyses. The transcript is an @EncryptedColumn value, so writes carry the
// row id with the values.
@Injectable()
export class MediaAnalysesRepository {
  constructor(@InjectRepository(MediaAnalysis) private readonly rows: Repository<MediaAnalysis>) {}

  async insert(manager: EntityManager, analysis: Partial<MediaAnalysis>): Promise<void> {
    await manager.insert(MediaAnalysis, this.rows.create(analysis));
  }

  findById(id: string): Promise<MediaAnalysis | null> {
    return this.rows.findOneBy({ id });
  }

  async update(id: string, change: AnalysisChange): Promise<void> {
    await this.rows.update({ id }, { id, ...change });
  }

  // Personal data.
  listForFiles(manager: EntityManager, mediaFileIds: string[]): Promise<MediaAnalysis[]> {
    if (mediaFileIds.length === 0) {
      return Promise.resolve([]);
    }
    return manager.find(MediaAnalysis, {
      where: { mediaFileId: In(mediaFileIds) },
      order: { createdAt: 'ASC' },
    });
  }

  // Analyses this user asked for of someone else's file stay, without the link to them.
  async unlinkRequester(manager: EntityManager, userId: string): Promise<number> {
    const result = await manager.update(
      MediaAnalysis,
      { requestedBy: userId },
      { requestedBy: null },
    );
    return result.affected ?? 0;
  }
}

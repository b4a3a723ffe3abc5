import { AiModule } from '../ai/ai.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CandidatesModule } from '../candidates/candidates.module';
import { JobsModule } from '../jobs/jobs.module';
import { QuestionVersion } from './entities/question-version.entity';
import { Question } from './entities/question.entity';
import { QuestionBankService } from './question-bank.service';
import { QuestionGenerationService } from './question-generation.service';
import { QuestionHistoryService } from './question-history.service';
import { QuestionReviewService } from './question-review.service';
import { QuestionRepository } from './question.repository';
import { QuestionsController } from './questions.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Question, QuestionVersion]),
    AiModule,
    JobsModule,
    CandidatesModule,
  ],
  controllers: [QuestionsController],
  providers: [
    QuestionBankService,
    QuestionGenerationService,
    QuestionHistoryService,
    QuestionRepository,
    QuestionReviewService,
  ],
  exports: [QuestionBankService],
})
export class QuestionsModule {}
